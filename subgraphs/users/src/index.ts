export { startUsersSubgraph, typeDefs, type UsersSubgraphOptions } from './server';
export { loadUsersConfig, usersConfigShape, type UsersConfig } from './config';
