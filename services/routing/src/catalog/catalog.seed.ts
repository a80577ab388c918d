import { createHash } from 'node:crypto';
import { AttributeDatatype, Priority, SlaClock } from '@civitas/contracts';
import type { AttributeDefinitionDraft } from './attribute-definitions.validator.js';
import type { DataSource } from 'typeorm';

/** A uuid derived from a name, so a department has the same id in every deployment of the seed. */
function stableUuid(name: string): string {
  const h = createHash('sha1').update(`civitas:department:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

interface SeedService {
  code: string;
  name: string;
  description: string;
  group: string;
  keywords: string[];
  department: string;
  priority: Priority;
  targetHours: number;
  /** CALENDAR when omitted: hazards and street conditions are counted around the clock. */
  slaClock?: SlaClock;
}

export const SEED_DEPARTMENTS = [
  { code: 'streets', name: 'Department of Streets and Transportation' },
  { code: 'sanitation', name: 'Department of Sanitation' },
  { code: 'public-works', name: 'Department of Public Works' },
  { code: 'police-nonemergency', name: 'Police Department (non-emergency)' },
  { code: 'parks', name: 'Department of Parks and Recreation' },
  { code: 'customer-service', name: '311 Customer Service Center' },
];

/**
 * The sample catalog. Scheduled and desk work (graffiti, bulky items, sidewalks, parks, parking
 * meters, general enquiries) is held to BUSINESS hours in the department's calendar, a working day
 * being 9 of them in the default calendar; hazards and street conditions to CALENDAR hours
 * (docs/adr/0054).
 */
export const SEED_SERVICES: SeedService[] = [
  {
    code: 'pothole',
    name: 'Pothole',
    description: 'A pothole or hole in the roadway or bus lane.',
    group: 'Streets',
    keywords: ['pothole', 'hole', 'road', 'pavement'],
    department: 'streets',
    priority: Priority.NORMAL,
    targetHours: 72,
  },
  {
    code: 'streetlight-out',
    name: 'Street light out',
    description: 'A street light that is out, flickering or damaged.',
    group: 'Streets',
    keywords: ['streetlight', 'street light', 'lamp', 'dark'],
    department: 'streets',
    priority: Priority.NORMAL,
    targetHours: 120,
  },
  {
    code: 'traffic-signal',
    name: 'Traffic signal problem',
    description: 'A traffic signal that is dark, stuck or damaged.',
    group: 'Streets',
    keywords: ['traffic light', 'signal', 'intersection'],
    department: 'streets',
    priority: Priority.HIGH,
    targetHours: 4,
  },
  {
    code: 'parking-meter',
    name: 'Broken parking meter',
    description: 'A parking meter that does not accept payment or is damaged.',
    group: 'Streets',
    keywords: ['parking meter', 'meter', 'parking'],
    department: 'streets',
    priority: Priority.LOW,
    targetHours: 36,
    slaClock: SlaClock.BUSINESS,
  },
  {
    code: 'sidewalk-repair',
    name: 'Damaged sidewalk',
    description: 'A broken, raised or missing section of sidewalk.',
    group: 'Streets',
    keywords: ['sidewalk', 'curb', 'trip hazard'],
    department: 'streets',
    priority: Priority.LOW,
    targetHours: 189,
    slaClock: SlaClock.BUSINESS,
  },
  {
    code: 'missed-collection',
    name: 'Missed trash or recycling collection',
    description: 'Trash, recycling or compost that was not collected on schedule.',
    group: 'Sanitation',
    keywords: ['missed collection', 'trash', 'garbage', 'recycling', 'pickup'],
    department: 'sanitation',
    priority: Priority.NORMAL,
    targetHours: 48,
  },
  {
    code: 'illegal-dumping',
    name: 'Illegal dumping',
    description: 'Garbage, furniture or debris dumped on public property.',
    group: 'Sanitation',
    keywords: ['dumping', 'dumped', 'debris', 'mattress'],
    department: 'sanitation',
    priority: Priority.NORMAL,
    targetHours: 120,
  },
  {
    code: 'bulky-item-pickup',
    name: 'Bulky item pickup',
    description: 'Collection of furniture, appliances or other large items.',
    group: 'Sanitation',
    keywords: ['bulky', 'furniture', 'appliance', 'couch'],
    department: 'sanitation',
    priority: Priority.LOW,
    targetHours: 45,
    slaClock: SlaClock.BUSINESS,
  },
  {
    code: 'graffiti',
    name: 'Graffiti removal',
    description: 'Graffiti on public property or visible from the street.',
    group: 'Graffiti and Vandalism',
    keywords: ['graffiti', 'tag', 'vandalism', 'spray paint'],
    department: 'public-works',
    priority: Priority.LOW,
    targetHours: 45,
    slaClock: SlaClock.BUSINESS,
  },
  {
    code: 'sewer-backup',
    name: 'Sewer backup or blocked drain',
    description: 'A backed-up sewer, blocked catch basin or flooding drain.',
    group: 'Water and Sewer',
    keywords: ['sewer', 'drain', 'flooding', 'catch basin'],
    department: 'public-works',
    priority: Priority.HIGH,
    targetHours: 24,
  },
  {
    code: 'noise-residential',
    name: 'Residential noise',
    description: 'Loud music, parties or other noise from a residence.',
    group: 'Quality of Life',
    keywords: ['noise', 'loud', 'music', 'party'],
    department: 'police-nonemergency',
    priority: Priority.NORMAL,
    targetHours: 8,
  },
  {
    code: 'abandoned-vehicle',
    name: 'Abandoned vehicle',
    description: 'A vehicle left on the street without moving for days, or without plates.',
    group: 'Quality of Life',
    keywords: ['abandoned', 'vehicle', 'car', 'no plates'],
    department: 'police-nonemergency',
    priority: Priority.NORMAL,
    targetHours: 168,
  },
  {
    code: 'tree-down',
    name: 'Fallen tree or limb',
    description: 'A tree or large limb down on a street, sidewalk or park.',
    group: 'Parks and Trees',
    keywords: ['tree', 'limb', 'branch', 'fallen'],
    department: 'parks',
    priority: Priority.HIGH,
    targetHours: 24,
  },
  {
    code: 'park-maintenance',
    name: 'Park maintenance',
    description: 'Broken equipment, overflowing bins or damage in a park.',
    group: 'Parks and Trees',
    keywords: ['park', 'playground', 'bench'],
    department: 'parks',
    priority: Priority.LOW,
    targetHours: 90,
    slaClock: SlaClock.BUSINESS,
  },
  {
    code: 'general-inquiry',
    name: 'General inquiry',
    description: 'Anything not yet classified; 311 staff triage it to the right service.',
    group: 'General',
    keywords: ['question', 'inquiry', 'information'],
    department: 'customer-service',
    priority: Priority.NORMAL,
    targetHours: 18,
    slaClock: SlaClock.BUSINESS,
  },
];

/**
 * Questions some sample services ask (Open311 attributes), as real 311 catalogs ask them. None is
 * required: a bare report ("pothole at 1 Centre St") must stay valid on every channel, and a
 * deployment makes questions required through `setServiceAttributes`.
 */
export const SEED_ATTRIBUTES: Record<string, AttributeDefinitionDraft[]> = {
  pothole: [
    {
      code: 'size',
      variable: true,
      datatype: AttributeDatatype.singlevaluelist,
      required: false,
      order: 1,
      description: 'How big is the pothole?',
      datatypeDescription: 'Pick the closest size.',
      values: [
        { key: 'small', name: 'Smaller than a dinner plate' },
        { key: 'medium', name: 'About the size of a car tyre' },
        { key: 'large', name: 'Larger than a car tyre' },
      ],
    },
    {
      code: 'in_bus_lane',
      variable: true,
      datatype: AttributeDatatype.singlevaluelist,
      required: false,
      order: 2,
      description: 'Is it in a bus lane?',
      values: [
        { key: 'yes', name: 'Yes' },
        { key: 'no', name: 'No' },
      ],
    },
  ],
  'missed-collection': [
    {
      code: 'collection_type',
      variable: true,
      datatype: AttributeDatatype.multivaluelist,
      required: false,
      order: 1,
      description: 'What was not collected?',
      datatypeDescription: 'Pick every kind that was missed.',
      values: [
        { key: 'trash', name: 'Trash' },
        { key: 'recycling', name: 'Recycling' },
        { key: 'compost', name: 'Compost / yard waste' },
      ],
    },
  ],
  'abandoned-vehicle': [
    {
      code: 'license_plate',
      variable: true,
      datatype: AttributeDatatype.string,
      required: false,
      order: 1,
      description: 'Licence plate',
      datatypeDescription: 'As written on the plate; leave empty if there is none.',
    },
    {
      code: 'days_parked',
      variable: true,
      datatype: AttributeDatatype.number,
      required: false,
      order: 2,
      description: 'For how many days has it not moved?',
      datatypeDescription: 'A number of days.',
    },
  ],
};

/** Inserts what is missing; never overwrites what administrators changed. */
export async function seedCatalog(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (m) => {
    for (const d of SEED_DEPARTMENTS) {
      await m.query(
        'INSERT INTO department (id, code, name) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING',
        [stableUuid(d.code), d.code, d.name],
      );
      await m.query(
        `INSERT INTO queue (code, department_code, name, priority) VALUES
           ($1, $2, $3, false), ($4, $2, $5, true) ON CONFLICT (code) DO NOTHING`,
        [
          `${d.code}.general`,
          d.code,
          `${d.name}: general`,
          `${d.code}.priority`,
          `${d.name}: priority`,
        ],
      );
    }
    for (const s of SEED_SERVICES) {
      await m.query(
        `INSERT INTO service (code, name, description, group_name, keywords, department_code, default_priority, target_hours, sla_clock)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING`,
        [
          s.code,
          s.name,
          s.description,
          s.group,
          s.keywords,
          s.department,
          s.priority,
          s.targetHours,
          s.slaClock ?? SlaClock.CALENDAR,
        ],
      );
    }
    // Only into a service whose attributes no administrator has set (attributes_customised).
    for (const [serviceCode, attributes] of Object.entries(SEED_ATTRIBUTES)) {
      for (const a of attributes) {
        await m.query(
          `INSERT INTO service_attribute
             (service_code, code, variable, datatype, required, datatype_description, "order", description, "values")
           SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb
            WHERE EXISTS (SELECT 1 FROM service WHERE code = $1 AND NOT attributes_customised)
           ON CONFLICT DO NOTHING`,
          [
            serviceCode,
            a.code,
            a.variable,
            a.datatype,
            a.required,
            a.datatypeDescription ?? '',
            a.order,
            a.description ?? '',
            JSON.stringify(a.values ?? []),
          ],
        );
      }
    }
  });
}
