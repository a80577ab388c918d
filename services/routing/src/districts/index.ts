// What the rest of routing may use of districts (docs/adr/0033); the rest is internal.
export { DistrictsModule } from './districts.module.js';
export { DistrictDirectory } from './district-directory.js';
export { DistrictEntity } from './district.entity.js';
export { DistrictRepository } from './district.repository.js';
export { DistrictObject } from './graphql/district.object.js';
export { seedDistricts } from './districts.seed.js';
