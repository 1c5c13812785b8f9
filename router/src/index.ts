export { startRouter, type RouterOptions, type RunningRouter } from './server';
export { loadRouterConfig, routerConfigShape, type RouterConfig } from './config';
