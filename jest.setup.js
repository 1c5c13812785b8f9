// The pinned AWS SDK warns on every process that Node 22 will be needed for its future releases; tests need not say so.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
