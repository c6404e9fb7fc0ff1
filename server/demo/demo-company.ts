// A believable demo company, the same every time for a given day: people in departments, subscriptions with
// renewals coming up, seats, and 60 days of measured use with the patterns Seatwise exists to find
// (idle and never-used seats, leavers with seats, over-assigned plans, apps in use without a subscription).
import type { CreateSubscriptionBody } from '../contract.ts';
import { addDays } from '../domain/days.ts';
import { seededRandom } from '../domain/seeded-random.ts';

export const DEMO_DAYS = 60;

const FIRST = [
  'Ada',
  'Grace',
  'Alan',
  'Katherine',
  'Margaret',
  'Edsger',
  'Barbara',
  'Donald',
  'Frances',
  'Ken',
  'Radia',
  'Tim',
  'Hedy',
  'Linus',
  'Mary',
  'John',
  'Sophie',
  'Dennis',
  'Annie',
  'Guido',
  'Shafi',
  'Niklaus',
  'Lynn',
  'Bjarne',
  'Adele',
  'James',
  'Joan',
  'Leslie',
  'Evelyn',
  'Robin',
];
const LAST = [
  'Lovelace',
  'Hopper',
  'Turing',
  'Johnson',
  'Hamilton',
  'Dijkstra',
  'Liskov',
  'Knuth',
  'Allen',
  'Thompson',
  'Perlman',
  'Berners-Lee',
  'Lamarr',
  'Torvalds',
  'Keller',
  'Backus',
  'Wilson',
  'Ritchie',
  'Easley',
  'van Rossum',
  'Goldwasser',
  'Wirth',
  'Conway',
  'Stroustrup',
  'Goldberg',
  'Gosling',
  'Clarke',
  'Lamport',
  'Berezin',
  'Milner',
];
const DEPARTMENTS = [
  { name: 'Engineering', share: 0.34, location: 'Berlin' },
  { name: 'Sales', share: 0.18, location: 'London' },
  { name: 'Marketing', share: 0.1, location: 'London' },
  { name: 'Support', share: 0.12, location: 'Lisbon' },
  { name: 'Design', share: 0.07, location: 'Berlin' },
  { name: 'Finance', share: 0.07, location: 'London' },
  { name: 'People', share: 0.05, location: 'Lisbon' },
  { name: 'Operations', share: 0.07, location: 'Remote' },
];

/** Which apps a department uses, and how often (share of workdays) an active user opens it. */
const APPS_BY_DEPARTMENT: Record<string, string[]> = {
  Engineering: [
    'slack',
    'google-workspace',
    'github',
    'atlassian-jira-confluence',
    'notion',
    'zoom',
    'datadog',
    'chatgpt',
  ],
  Sales: ['slack', 'google-workspace', 'salesforce', 'zoom', 'notion', 'gong', 'docusign'],
  Marketing: ['slack', 'google-workspace', 'hubspot', 'canva', 'notion', 'zoom', 'figma', 'chatgpt', 'semrush'],
  Support: ['slack', 'google-workspace', 'zendesk', 'zoom', 'notion'],
  Design: ['slack', 'google-workspace', 'figma', 'miro', 'notion', 'zoom', 'adobe-creative-cloud'],
  Finance: ['slack', 'google-workspace', 'netsuite', 'zoom', 'docusign', 'expensify'],
  People: ['slack', 'google-workspace', 'bamboohr', 'zoom', 'notion'],
  Operations: ['slack', 'google-workspace', 'notion', 'zoom', 'miro', 'atlassian-jira-confluence'],
};

type DemoSubscription = Omit<CreateSubscriptionBody, 'renewalDate' | 'startDate'> & {
  renewalInDays: number;
  startedDaysAgo: number;
  /** Who gets a seat: departments, and how many people more or fewer than use it. */
  holders: { departments: string[] | 'all'; extra: number };
};

const SUBSCRIPTIONS: DemoSubscription[] = [
  {
    appId: 'slack',
    plan: 'Business+',
    metric: 'named_user',
    seats: 260,
    unitCost: 15_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 74,
    startedDaysAgo: 291,
    noticeDays: 60,
    autoRenew: true,
    ownerEmail: 'grace.hopper@demo.seatwise.dev',
    department: 'Operations',
    holders: { departments: 'all', extra: 14 },
  },
  {
    appId: 'google-workspace',
    plan: 'Business Standard',
    metric: 'site',
    seats: null,
    unitCost: 3_600_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 203,
    startedDaysAgo: 162,
    noticeDays: 30,
    autoRenew: true,
    department: 'Operations',
    holders: { departments: [], extra: 0 },
  },
  {
    appId: 'zoom',
    plan: 'Business',
    metric: 'concurrent',
    seats: 150,
    unitCost: 2_000,
    currency: 'USD',
    billingPeriod: 'monthly',
    renewalInDays: 18,
    startedDaysAgo: 347,
    noticeDays: 30,
    autoRenew: true,
    department: 'Operations',
    holders: { departments: [], extra: 0 },
  },
  {
    appId: 'github',
    plan: 'Enterprise',
    metric: 'named_user',
    seats: 90,
    unitCost: 25_200,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 132,
    startedDaysAgo: 233,
    noticeDays: 30,
    autoRenew: true,
    ownerEmail: 'linus.torvalds@demo.seatwise.dev',
    department: 'Engineering',
    holders: { departments: ['Engineering'], extra: 6 },
  },
  {
    appId: 'atlassian-jira-confluence',
    plan: 'Standard',
    metric: 'named_user',
    seats: 110,
    unitCost: 9_840,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 41,
    startedDaysAgo: 324,
    noticeDays: 45,
    autoRenew: false,
    department: 'Engineering',
    holders: { departments: ['Engineering', 'Operations', 'Support'], extra: 4 },
  },
  {
    appId: 'notion',
    plan: 'Plus',
    metric: 'named_user',
    seats: 180,
    unitCost: 12_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 96,
    startedDaysAgo: 269,
    noticeDays: 30,
    autoRenew: true,
    department: 'Operations',
    holders: { departments: 'all', extra: -30 },
  },
  {
    appId: 'figma',
    plan: 'Professional',
    metric: 'named_user',
    seats: 30,
    unitCost: 18_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 27,
    startedDaysAgo: 338,
    noticeDays: 30,
    autoRenew: true,
    department: 'Design',
    holders: { departments: ['Design', 'Marketing'], extra: 8 },
  },
  {
    appId: 'salesforce',
    plan: 'Sales Cloud Enterprise',
    metric: 'named_user',
    seats: 55,
    unitCost: 198_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 158,
    startedDaysAgo: 207,
    noticeDays: 90,
    autoRenew: true,
    ownerEmail: 'katherine.johnson@demo.seatwise.dev',
    department: 'Sales',
    holders: { departments: ['Sales'], extra: 9 },
  },
  {
    appId: 'hubspot',
    plan: 'Marketing Hub Professional',
    metric: 'named_user',
    seats: 20,
    unitCost: 9_000,
    currency: 'EUR',
    billingPeriod: 'monthly',
    renewalInDays: 12,
    startedDaysAgo: 18,
    noticeDays: 0,
    autoRenew: true,
    department: 'Marketing',
    holders: { departments: ['Marketing'], extra: 2 },
  },
  {
    appId: 'zendesk',
    plan: 'Suite Professional',
    metric: 'named_user',
    seats: 40,
    unitCost: 13_800,
    currency: 'EUR',
    billingPeriod: 'annual',
    renewalInDays: 64,
    startedDaysAgo: 301,
    noticeDays: 30,
    autoRenew: true,
    department: 'Support',
    holders: { departments: ['Support'], extra: 3 },
  },
  {
    appId: 'miro',
    plan: 'Business',
    metric: 'flat',
    seats: null,
    unitCost: 480_000,
    currency: 'EUR',
    billingPeriod: 'annual',
    renewalInDays: 250,
    startedDaysAgo: 115,
    noticeDays: 30,
    autoRenew: false,
    department: 'Design',
    holders: { departments: ['Design', 'Operations'], extra: 0 },
  },
  {
    appId: 'gong',
    plan: 'Gong Foundation',
    metric: 'named_user',
    seats: 35,
    unitCost: 120_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: -5,
    startedDaysAgo: 370,
    noticeDays: 60,
    autoRenew: false,
    department: 'Sales',
    holders: { departments: ['Sales'], extra: -8 },
  },
  {
    appId: 'adobe-creative-cloud',
    plan: 'All Apps (Teams)',
    metric: 'named_user',
    seats: 15,
    unitCost: 107_988,
    currency: 'GBP',
    billingPeriod: 'annual',
    renewalInDays: 115,
    startedDaysAgo: 250,
    noticeDays: 30,
    autoRenew: true,
    department: 'Design',
    holders: { departments: ['Design', 'Marketing'], extra: 0 },
  },
  {
    appId: 'netsuite',
    plan: 'Financials',
    metric: 'named_user',
    seats: 12,
    unitCost: 129_000,
    currency: 'USD',
    billingPeriod: 'annual',
    renewalInDays: 180,
    startedDaysAgo: 185,
    noticeDays: 90,
    autoRenew: true,
    department: 'Finance',
    holders: { departments: ['Finance'], extra: 2 },
  },
];

export type DemoPerson = {
  email: string;
  name: string;
  department: string;
  location: string;
  managerEmail: string | null;
  status: 'active' | 'left';
  startDate: string;
  endDate: string | null;
  hasDevice: boolean;
  silentSince: string | null;
};
export type DemoUsage = { email: string; appId: string; day: string; activeSeconds: number; visits: number };

export function buildDemoCompany(today: string, size = 240) {
  const random = seededRandom(7);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const emails = new Set<string>();
  const people: DemoPerson[] = [];
  for (const department of DEPARTMENTS) {
    const count = Math.round(size * department.share);
    for (let i = 0; i < count; i += 1) {
      const first = pick(FIRST);
      const last = pick(LAST);
      let email = `${`${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '')}@demo.seatwise.dev`;
      for (let n = 2; emails.has(email); n += 1) email = email.replace(/(\d*)@/, `${n}@`);
      emails.add(email);
      const left = random() < 0.04;
      people.push({
        email,
        name: `${first} ${last}`,
        department: department.name,
        location: department.location,
        managerEmail: people.find((p) => p.department === department.name)?.email ?? null,
        status: left ? 'left' : 'active',
        startDate: addDays(today, -(60 + Math.floor(random() * 1500))),
        endDate: left ? addDays(today, -(1 + Math.floor(random() * 40))) : null,
        // Most browsers report; a few never enrolled, and a few went silent (coverage lost).
        hasDevice: random() < 0.9,
        silentSince: random() < 0.04 ? addDays(today, -(8 + Math.floor(random() * 20))) : null,
      });
    }
  }

  // Each person has a habit per app: daily, now and then, lapsed (used before the window), or never.
  const habit = new Map<string, 'daily' | 'sometimes' | 'lapsed' | 'never'>();
  for (const person of people) {
    for (const appId of APPS_BY_DEPARTMENT[person.department] ?? []) {
      const r = random();
      habit.set(`${person.email}|${appId}`, r < 0.62 ? 'daily' : r < 0.8 ? 'sometimes' : r < 0.9 ? 'lapsed' : 'never');
    }
  }

  const usage: DemoUsage[] = [];
  const firstDay = addDays(today, -(DEMO_DAYS - 1));
  for (let d = 0; d < DEMO_DAYS; d += 1) {
    const day = addDays(firstDay, d);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 0 || weekday === 6) continue;
    for (const person of people) {
      if (!person.hasDevice) continue;
      if (person.silentSince && day >= person.silentSince) continue;
      if (person.endDate && day > person.endDate) continue;
      for (const appId of APPS_BY_DEPARTMENT[person.department] ?? []) {
        const h = habit.get(`${person.email}|${appId}`);
        const chance = h === 'daily' ? 0.85 : h === 'sometimes' ? 0.25 : h === 'lapsed' && d < 10 ? 0.3 : 0;
        if (random() >= chance) continue;
        const heavy =
          appId === 'slack' ||
          appId === 'google-workspace' ||
          appId === 'github' ||
          appId === 'salesforce' ||
          appId === 'zendesk' ||
          appId === 'figma';
        usage.push({
          email: person.email,
          appId,
          day,
          activeSeconds: Math.floor((heavy ? 1800 : 300) + random() * (heavy ? 12_000 : 3_000)),
          visits: 1 + Math.floor(random() * 8),
        });
      }
    }
  }

  const subscriptions = SUBSCRIPTIONS.map(({ renewalInDays, startedDaysAgo, holders: _holders, ...sub }) => ({
    ...sub,
    startDate: addDays(today, -startedDaysAgo),
    renewalDate: addDays(today, renewalInDays),
  }));

  // Seats: people of the named departments who have the app in their habits, plus or minus a few.
  const seats = SUBSCRIPTIONS.map((sub) => {
    if (sub.holders.departments !== 'all' && sub.holders.departments.length === 0) return [];
    const wanted = people.filter(
      (p) => sub.holders.departments === 'all' || sub.holders.departments.includes(p.department),
    );
    const users = wanted.filter((p) => habit.has(`${p.email}|${sub.appId}`));
    const others = wanted.filter((p) => !habit.has(`${p.email}|${sub.appId}`));
    const holders =
      sub.holders.extra >= 0
        ? [...users, ...others.slice(0, sub.holders.extra)]
        : users.slice(0, users.length + sub.holders.extra);
    return holders.map((p, i) => ({
      email: p.email,
      assignedAt: i % 17 === 0 ? addDays(today, -(5 + (i % 20))) : addDays(today, -(120 + (i % 200))),
    }));
  });

  return { people, subscriptions, seats, usage };
}
