import { announcements } from './announcements';
import { audit } from './audit';
import { auth } from './auth';
import { common } from './common';
import { emails } from './emails';
import { invitations } from './invitations';
import { invitees } from './invitees';
import { mailbox } from './mailbox';
import { members } from './members';
import { relay } from './relay';
import { sending } from './sending';
import { sponsors } from './sponsors';
import { staff } from './staff';
import { storage } from './storage';
import { video } from './video';

// One table per domain, each owned by that domain's routes and modules.
export const messages = {
  ...common,
  ...auth,
  ...mailbox,
  ...invitations,
  ...invitees,
  ...staff,
  ...storage,
  ...members,
  ...video,
  ...announcements,
  ...sponsors,
  ...relay,
  ...sending,
  ...audit,
  ...emails,
};

export type MessageKey = keyof typeof messages;
