import { registerEnumType } from '@nestjs/graphql';
import { CaseStatus, Channel, Priority } from '@civitas/contracts';

// Shared enums, registered once under the same names in every subgraph so they compose.
registerEnumType(Channel, { name: 'Channel', description: 'How a contact reached government.' });
registerEnumType(CaseStatus, { name: 'CaseStatus' });
registerEnumType(Priority, { name: 'Priority' });
