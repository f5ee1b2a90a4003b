// Importing a module that calls defineQueue registers its queue. The server imports this file
// once before starting the workers, so every queue has a worker in every process.
import '~/modules/mail/send-email.server';
import '~/modules/invitations/invitation-delivery.server';
import '~/modules/delivery/fanout-worker.server';
import '~/modules/relay/inbound-mail.server';
import '~/modules/maintenance/storage-sweep.server';
