export { startUsersSubgraph, typeDefs, type UsersSubgraphOptions } from './server';
export { loadUsersConfig, usersConfigShape, usersSettings, type UsersConfig } from './config';
