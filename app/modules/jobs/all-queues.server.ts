// Importing a module that calls defineQueue registers its queue. The server imports this file
// once before starting the workers, so every queue has a worker in every process.
import '~/modules/invitations/invitation-delivery.server';
// Mail kinds: how the outbound pipeline freezes and builds each kind of bulk email.
import '~/modules/announcements/announcement-delivery.server';
import '~/modules/relay/inbound-mail.server';
import '~/modules/maintenance/storage-sweep.server';
import '~/modules/maintenance/retention.server';
