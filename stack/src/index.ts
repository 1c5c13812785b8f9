export { startStack, type StackOptions, type RunningStack } from './stack';
export { loadStackConfig, type StackConfig } from './config';
