// Front door of the accounts module. The company and its people: users and their passwords, operators, their groups and presence, the company's settings.
// Other modules, the app, seed, CLI, tests and bench import these names only (docs/architecture.md).
export { companyRoutes, getCompany, phoneRule } from './company'
export { leastLoadedMember } from './groups-repo'
export { operatorRoutes } from './operator-routes'
export { anyoneOnline, createCompany, createUser, findUserForLogin, getMe, getUser, markSeen } from './operators-repo'
export { dummyHash, hashPassword, verifyPassword } from './passwords'
export { userRoutes } from './user-routes'
