/// <reference types="vite/client" />
import { beforeAll, describe, expect, it } from 'vitest';
import * as dashboardRoute from '~/routes/staff.$slug._index';
import * as membersRoute from '~/routes/staff.$slug.members._index';
import * as revealRoute from '~/routes/staff.$slug.members.$membershipId.reveal';
import * as teamRoute from '~/routes/staff.$slug.team';
import * as auditRoute from '~/routes/staff.$slug.audit';
import * as audienceCountRoute from '~/routes/staff.$slug.audience-count[.json]';
import * as invitationsRoute from '~/routes/staff.$slug.invitations._index';
import * as invitationsCsvRoute from '~/routes/staff.$slug.invitations[.csv]';
import { addMember, addStaff, createTestEvent } from '../support/events';
import { signedInUser } from '../support/auth';
import { callRoute, formRequest, getRequest } from '../support/requests';

/**
 * Who may reach which organizer page: every role against every staff loader and action.
 * Signed out → sign in (302); signed in but not staff of this event (a member, a stranger,
 * staff of another event) → 404, the page's existence is not confirmed; staff below the
 * required role → 403. No answer a staff member gets contains a member's address, except
 * the one owner's reveal of that one address.
 */

type Who = 'owner' | 'editor' | 'viewer' | 'member' | 'otherStaff' | 'stranger' | 'signedOut';
const everyone: Who[] = [
  'owner',
  'editor',
  'viewer',
  'member',
  'otherStaff',
  'stranger',
  'signedOut',
];

type RouteFn = Parameters<typeof callRoute>[0];
interface Case {
  name: string;
  fn: RouteFn;
  method: 'GET' | 'POST';
  path: (slug: string, membershipId: string) => string;
  params: (slug: string, membershipId: string) => Record<string, string>;
  fields?: (who: Who) => Record<string, string>;
  expect: Record<Who, number>;
}

const readable = {
  owner: 200,
  editor: 200,
  viewer: 200,
  member: 404,
  otherStaff: 404,
  stranger: 404,
  signedOut: 302,
};
const ownersOnly = {
  owner: 200,
  editor: 403,
  viewer: 403,
  member: 404,
  otherStaff: 404,
  stranger: 404,
  signedOut: 302,
};
const slugOnly = (slug: string) => ({ slug });

const cases: Case[] = [
  {
    name: 'dashboard',
    fn: dashboardRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}`,
    params: slugOnly,
    expect: readable,
  },
  {
    name: 'member list',
    fn: membersRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/members`,
    params: slugOnly,
    expect: readable,
  },
  {
    name: 'reveal form',
    fn: revealRoute.loader,
    method: 'GET',
    path: (s, m) => `/staff/${s}/members/${m}/reveal`,
    params: (slug, membershipId) => ({ slug, membershipId }),
    expect: ownersOnly,
  },
  {
    name: 'reveal',
    fn: revealRoute.action,
    method: 'POST',
    path: (s, m) => `/staff/${s}/members/${m}/reveal`,
    params: (slug, membershipId) => ({ slug, membershipId }),
    fields: () => ({ reason: 'matrix test' }),
    expect: ownersOnly,
  },
  {
    name: 'staff page',
    fn: teamRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/team`,
    params: slugOnly,
    expect: ownersOnly,
  },
  {
    name: 'staff invite',
    fn: teamRoute.action,
    method: 'POST',
    path: (s) => `/staff/${s}/team`,
    params: slugOnly,
    fields: (who) => ({
      intent: 'invite',
      email: `invited-by-${who.toLowerCase()}@example.com`,
      role: 'owner',
    }),
    expect: ownersOnly,
  },
  {
    name: 'audit log',
    fn: auditRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/audit`,
    params: slugOnly,
    expect: ownersOnly,
  },
  {
    name: 'invitations list',
    fn: invitationsRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/invitations`,
    params: slugOnly,
    expect: readable,
  },
  {
    name: 'invitations CSV',
    fn: invitationsCsvRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/invitations.csv`,
    params: slugOnly,
    expect: ownersOnly,
  },
  {
    name: 'live audience count',
    fn: audienceCountRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/audience-count.json?audienceMode=everyone_on_channel`,
    params: slugOnly,
    expect: { ...readable, viewer: 403 },
  },
];

// The entrant import is built alongside; once its route exists it joins the matrix.
const importModules = import.meta.glob<{ loader?: RouteFn; action?: RouteFn }>(
  '../../app/routes/staff.$slug.import.tsx',
  {
    eager: true,
  },
);
const importRoute = Object.values(importModules)[0];
if (importRoute?.loader) {
  cases.push({
    name: 'entrant import page',
    fn: importRoute.loader,
    method: 'GET',
    path: (s) => `/staff/${s}/import`,
    params: slugOnly,
    expect: {
      owner: 200,
      editor: 200,
      viewer: 403,
      member: 404,
      otherStaff: 404,
      stranger: 404,
      signedOut: 302,
    },
  });
}

let slug: string;
let membershipId: string;
const cookies = {} as Record<Who, string | null>;
const memberEmails: string[] = [];

beforeAll(async () => {
  const event = await createTestEvent('matrix');
  slug = event.slug;
  cookies.owner = event.owner.cookie;
  cookies.editor = (await addStaff(event.eventId, 'matrix-editor@example.com', 'editor')).cookie;
  cookies.viewer = (await addStaff(event.eventId, 'matrix-viewer@example.com', 'viewer')).cookie;
  const member = await addMember(event.eventId, 'matrix-member@example.com', { name: '参加 花子' });
  cookies.member = member.cookie;
  membershipId = member.membershipId;
  memberEmails.push(member.email);
  for (let i = 0; i < 5; i += 1)
    memberEmails.push((await addMember(event.eventId, `matrix-runner${i}@example.com`)).email);
  const elsewhere = await createTestEvent('matrix-elsewhere');
  cookies.otherStaff = elsewhere.owner.cookie;
  cookies.stranger = (await signedInUser('matrix-stranger@example.com')).cookie;
  cookies.signedOut = null;
});

describe('organizer pages: who may reach what', () => {
  for (const testCase of cases) {
    it(`${testCase.method} ${testCase.name}: ${everyone.map((w) => `${w} ${testCase.expect[w]}`).join(', ')}`, async () => {
      for (const who of everyone) {
        const path = testCase.path(slug, membershipId);
        const request =
          testCase.method === 'GET'
            ? getRequest(path, { cookie: cookies[who] })
            : formRequest(path, testCase.fields?.(who) ?? {}, { cookie: cookies[who] });
        const response = await callRoute(testCase.fn, request, testCase.params(slug, membershipId));
        expect({ who, status: response.status }).toEqual({ who, status: testCase.expect[who] });
        if (response.status === 302)
          expect(response.headers.get('Location')).toMatch(/^\/sign-in\?next=/);

        const body = await response.text();
        const revealedOne = testCase.name === 'reveal' && who === 'owner';
        for (const email of memberEmails) {
          if (revealedOne && email === 'matrix-member@example.com') continue;
          expect(body, `${testCase.name} as ${who} leaks ${email}`).not.toContain(email);
        }
        if (revealedOne) expect(body).toContain('matrix-member@example.com');
      }
    });
  }

  it.runIf(Boolean(importRoute?.action))(
    'POST entrant import: viewer 403, member/stranger/other staff 404, signed out 302',
    async () => {
      const expected: Partial<Record<Who, number>> = {
        viewer: 403,
        member: 404,
        otherStaff: 404,
        stranger: 404,
        signedOut: 302,
      };
      for (const [who, status] of Object.entries(expected) as [Who, number][]) {
        const response = await callRoute(
          importRoute!.action,
          formRequest(`/staff/${slug}/import`, {}, { cookie: cookies[who] }),
          { slug },
        );
        expect({ who, status: response.status }).toEqual({ who, status });
      }
    },
  );

  it('answers 404, not 403, for an event that does not exist — even to staff of other events', async () => {
    for (const who of ['owner', 'otherStaff', 'stranger'] as const) {
      const response = await callRoute(
        dashboardRoute.loader,
        getRequest('/staff/no-such-event', { cookie: cookies[who] }),
        {
          slug: 'no-such-event',
        },
      );
      expect(response.status).toBe(404);
    }
  });
});
