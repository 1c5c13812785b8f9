export { startRouter, type RouterOptions, type RunningRouter } from './server';
export { loadRouterConfig, routerConfigShape, routerSettings, type RouterConfig, type RouterSettings } from './config';
