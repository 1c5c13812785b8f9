/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ClientTestBalance {\n    me {\n      id\n      balance\n    }\n  }\n": typeof types.ClientTestBalanceDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n": typeof types.RegisterDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": typeof types.SignOutDocument,
    "\n  fragment LedgerRow on LedgerEntry {\n    id\n    type\n    amount\n    balanceAfter\n    createdAt\n    orderId\n  }\n": typeof types.LedgerRowFragmentDoc,
    "\n  fragment PriceSparkline on Asset {\n    symbol\n    price\n    sparkline: candles(interval: ONE_HOUR, last: 168) {\n      close\n    }\n  }\n": typeof types.PriceSparklineFragmentDoc,
    "\n  query LivePricesTestBoard {\n    assets(first: 2) {\n      edges {\n        node {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n": typeof types.LivePricesTestBoardDocument,
    "\n  subscription MarketTicks($symbols: [String!]) {\n    marketTicks(symbols: $symbols) {\n      at\n      ticks {\n        symbol\n        price\n        asset {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n": typeof types.MarketTicksDocument,
    "\n  fragment OrderRow on Order {\n    id\n    side\n    type\n    status\n    quantity\n    limitPrice\n    price\n    total\n    createdAt\n    filledAt\n    asset {\n      symbol\n      name\n    }\n  }\n": typeof types.OrderRowFragmentDoc,
    "\n  subscription OrderUpdates {\n    orderUpdated {\n      ...OrderRow\n      cancelledAt\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n": typeof types.OrderUpdatesDocument,
    "\n  fragment AccountAfterTrade on User {\n    id\n    balance\n    holdings {\n      ...PositionRow\n    }\n    portfolio {\n      cashBalance\n      reservedCash\n      availableCash\n      holdingsValue\n      totalValue\n      positions {\n        ...PositionRow\n      }\n    }\n  }\n": typeof types.AccountAfterTradeFragmentDoc,
    "\n  query AccountPage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      id\n      balance\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      transactions(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.AccountPageDocument,
    "\n  mutation Deposit($amount: Decimal!, $idempotencyKey: String) {\n    deposit(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n": typeof types.DepositDocument,
    "\n  mutation Withdraw($amount: Decimal!, $idempotencyKey: String) {\n    withdraw(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n": typeof types.WithdrawDocument,
    "\n  query AdminPage($search: String, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(\n      filter: { search: $search, activeOnly: false }\n      sort: { field: SYMBOL, direction: ASC }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      edges {\n        node {\n          ...AdminAsset\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminPageDocument,
    "\n  fragment AdminAsset on Asset {\n    symbol\n    name\n    description\n    category\n    price\n    change24h\n    marketCap\n    active\n  }\n": typeof types.AdminAssetFragmentDoc,
    "\n  mutation CreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      ...AdminAsset\n    }\n  }\n": typeof types.CreateAssetDocument,
    "\n  mutation UpdateAsset($symbol: String!, $input: UpdateAssetInput!) {\n    updateAsset(symbol: $symbol, input: $input) {\n      ...AdminAsset\n    }\n  }\n": typeof types.UpdateAssetDocument,
    "\n  query AdminAuditPage($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminAuditEvent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminAuditPageDocument,
    "\n  fragment AdminAuditEvent on AuditEvent {\n    id\n    at\n    action\n    outcome\n    actorId\n    actorRole\n    subjectId\n    reason\n    ip\n    details\n  }\n": typeof types.AdminAuditEventFragmentDoc,
    "\n  query AdminReconciliationPage($first: Int, $after: String) {\n    reconciliation(first: $first, after: $after) {\n      usersChecked\n      mismatches {\n        user {\n          id\n          username\n        }\n        kind\n        subject\n        expected\n        actual\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminReconciliationPageDocument,
    "\n  query AdminUserPage(\n    $id: ID!\n    $ordersFirst: Int\n    $ordersAfter: String\n    $ordersLast: Int\n    $ordersBefore: String\n    $eventsFirst: Int\n    $eventsAfter: String\n    $eventsLast: Int\n    $eventsBefore: String\n  ) {\n    user(id: $id) {\n      id\n      username\n      firstName\n      lastName\n      email\n      phone\n      role\n      createdAt\n      balance\n      orders(first: $ordersFirst, after: $ordersAfter, last: $ordersLast, before: $ordersBefore) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n      securityEvents(first: $eventsFirst, after: $eventsAfter, last: $eventsLast, before: $eventsBefore) {\n        edges {\n          node {\n            ...AdminAuditEvent\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.AdminUserPageDocument,
    "\n  fragment AdminUserRow on User {\n    id\n    username\n    firstName\n    lastName\n    email\n    role\n    createdAt\n    balance\n  }\n": typeof types.AdminUserRowFragmentDoc,
    "\n  query AdminUsersPage($filter: UserFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.AdminUsersPageDocument,
    "\n  query DashboardPage($historyInterval: CandleInterval!, $historyFrom: DateTime) {\n    me {\n      id\n      username\n      firstName\n      createdAt\n      portfolio {\n        ...PortfolioSummary\n        history(interval: $historyInterval, from: $historyFrom) {\n          ...PortfolioPoint\n        }\n      }\n      orders(first: 5) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: 5) {\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n      }\n    }\n  }\n": typeof types.DashboardPageDocument,
    "\n  fragment AssetTicker on Asset {\n    symbol\n    name\n    price\n    change24h\n    ...PriceSparkline\n  }\n": typeof types.AssetTickerFragmentDoc,
    "\n  query LandingPage {\n    assets(first: 10) {\n      totalCount\n      edges {\n        node {\n          ...AssetTicker\n        }\n      }\n    }\n  }\n": typeof types.LandingPageDocument,
    "\n  fragment MarketRow on Asset {\n    symbol\n    name\n    category\n    price\n    change24h\n    marketCap\n    active\n    ...PriceSparkline\n  }\n": typeof types.MarketRowFragmentDoc,
    "\n  query MarketsPage($filter: AssetFilter, $sort: AssetSort, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        node {\n          ...MarketRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": typeof types.MarketsPageDocument,
    "\n  query OrdersPage($first: Int, $after: String, $last: Int, $before: String, $filter: OrderFilter) {\n    me {\n      id\n      orders(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.OrdersPageDocument,
    "\n  query PortfolioPage {\n    me {\n      id\n      portfolio {\n        ...PortfolioSummary\n      }\n    }\n  }\n": typeof types.PortfolioPageDocument,
    "\n  query PositionPage($symbol: String!, $orders: Int!, $ledger: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      price\n    }\n    me {\n      id\n      holdings {\n        ...PositionRow\n      }\n      orders(first: $orders, filter: { symbol: $symbol }) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: $ledger) {\n        edges {\n          node {\n            ...LedgerRow\n            order {\n              id\n              asset {\n                symbol\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.PositionPageDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n    expiresAt\n    allowedIps\n  }\n": typeof types.ApiKeyRowFragmentDoc,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyRow\n      }\n    }\n  }\n": typeof types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  fragment ProfileFields on User {\n    id\n    username\n    email\n    firstName\n    lastName\n    phone\n    role\n    createdAt\n  }\n": typeof types.ProfileFieldsFragmentDoc,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  query ProfilePage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      ...ProfileFields\n      apiKeys {\n        ...ApiKeyRow\n      }\n      securityEvents(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          node {\n            ...SecurityEventRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.ProfilePageDocument,
    "\n  fragment SecurityEventRow on AuditEvent {\n    id\n    at\n    action\n    outcome\n    reason\n    ip\n  }\n": typeof types.SecurityEventRowFragmentDoc,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": typeof types.LogoutEverywhereDocument,
    "\n  fragment MarketStats on Asset {\n    symbol\n    price\n    change24h\n    stats24h {\n      open\n      high\n      low\n    }\n    volume24h\n    trades24h\n  }\n": typeof types.MarketStatsFragmentDoc,
    "\n  fragment OpenOrder on Order {\n    id\n    side\n    status\n    quantity\n    limitPrice\n    reservedCash\n    createdAt\n    asset {\n      symbol\n    }\n  }\n": typeof types.OpenOrderFragmentDoc,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelledAt\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderRow\n      clientOrderId\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n": typeof types.PlaceOrderDocument,
    "\n  fragment ChartCandle on Candle {\n    start\n    open\n    high\n    low\n    close\n  }\n": typeof types.ChartCandleFragmentDoc,
    "\n  query TradeChart($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n  }\n": typeof types.TradeChartDocument,
    "\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candleUpdated(symbol: $symbol, interval: $interval) {\n      ...ChartCandle\n    }\n  }\n": typeof types.CandleUpdatesDocument,
    "\n  query TradePage($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      description\n      category\n      price\n      change24h\n      marketCap\n      active\n      ...MarketStats\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n    me {\n      id\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      holdings {\n        ...PositionRow\n      }\n      orders(status: OPEN, first: 50) {\n        edges {\n          node {\n            ...OpenOrder\n          }\n        }\n      }\n    }\n  }\n": typeof types.TradePageDocument,
    "\n  fragment PortfolioPoint on PortfolioPoint {\n    at\n    value\n    cash\n  }\n": typeof types.PortfolioPointFragmentDoc,
    "\n  query PortfolioHistory($interval: CandleInterval!, $from: DateTime) {\n    me {\n      id\n      portfolio {\n        history(interval: $interval, from: $from) {\n          ...PortfolioPoint\n        }\n      }\n    }\n  }\n": typeof types.PortfolioHistoryDocument,
    "\n  fragment PortfolioSummary on Portfolio {\n    cashBalance\n    reservedCash\n    availableCash\n    positions {\n      ...PositionRow\n    }\n  }\n": typeof types.PortfolioSummaryFragmentDoc,
    "\n  fragment PositionRow on Holding {\n    quantity\n    reservedQuantity\n    averageCost\n    marketValue\n    unrealizedPnl\n    asset {\n      symbol\n      name\n      price\n    }\n  }\n": typeof types.PositionRowFragmentDoc,
    "\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n  }\n": typeof types.SessionPayloadFragmentDoc,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n": typeof types.RefreshSessionDocument,
};
const documents: Documents = {
    "\n  query ClientTestBalance {\n    me {\n      id\n      balance\n    }\n  }\n": types.ClientTestBalanceDocument,
    "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n": types.RegisterDocument,
    "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    logout\n  }\n": types.SignOutDocument,
    "\n  fragment LedgerRow on LedgerEntry {\n    id\n    type\n    amount\n    balanceAfter\n    createdAt\n    orderId\n  }\n": types.LedgerRowFragmentDoc,
    "\n  fragment PriceSparkline on Asset {\n    symbol\n    price\n    sparkline: candles(interval: ONE_HOUR, last: 168) {\n      close\n    }\n  }\n": types.PriceSparklineFragmentDoc,
    "\n  query LivePricesTestBoard {\n    assets(first: 2) {\n      edges {\n        node {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n": types.LivePricesTestBoardDocument,
    "\n  subscription MarketTicks($symbols: [String!]) {\n    marketTicks(symbols: $symbols) {\n      at\n      ticks {\n        symbol\n        price\n        asset {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n": types.MarketTicksDocument,
    "\n  fragment OrderRow on Order {\n    id\n    side\n    type\n    status\n    quantity\n    limitPrice\n    price\n    total\n    createdAt\n    filledAt\n    asset {\n      symbol\n      name\n    }\n  }\n": types.OrderRowFragmentDoc,
    "\n  subscription OrderUpdates {\n    orderUpdated {\n      ...OrderRow\n      cancelledAt\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n": types.OrderUpdatesDocument,
    "\n  fragment AccountAfterTrade on User {\n    id\n    balance\n    holdings {\n      ...PositionRow\n    }\n    portfolio {\n      cashBalance\n      reservedCash\n      availableCash\n      holdingsValue\n      totalValue\n      positions {\n        ...PositionRow\n      }\n    }\n  }\n": types.AccountAfterTradeFragmentDoc,
    "\n  query AccountPage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      id\n      balance\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      transactions(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": types.AccountPageDocument,
    "\n  mutation Deposit($amount: Decimal!, $idempotencyKey: String) {\n    deposit(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n": types.DepositDocument,
    "\n  mutation Withdraw($amount: Decimal!, $idempotencyKey: String) {\n    withdraw(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n": types.WithdrawDocument,
    "\n  query AdminPage($search: String, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(\n      filter: { search: $search, activeOnly: false }\n      sort: { field: SYMBOL, direction: ASC }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      edges {\n        node {\n          ...AdminAsset\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.AdminPageDocument,
    "\n  fragment AdminAsset on Asset {\n    symbol\n    name\n    description\n    category\n    price\n    change24h\n    marketCap\n    active\n  }\n": types.AdminAssetFragmentDoc,
    "\n  mutation CreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      ...AdminAsset\n    }\n  }\n": types.CreateAssetDocument,
    "\n  mutation UpdateAsset($symbol: String!, $input: UpdateAssetInput!) {\n    updateAsset(symbol: $symbol, input: $input) {\n      ...AdminAsset\n    }\n  }\n": types.UpdateAssetDocument,
    "\n  query AdminAuditPage($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminAuditEvent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.AdminAuditPageDocument,
    "\n  fragment AdminAuditEvent on AuditEvent {\n    id\n    at\n    action\n    outcome\n    actorId\n    actorRole\n    subjectId\n    reason\n    ip\n    details\n  }\n": types.AdminAuditEventFragmentDoc,
    "\n  query AdminReconciliationPage($first: Int, $after: String) {\n    reconciliation(first: $first, after: $after) {\n      usersChecked\n      mismatches {\n        user {\n          id\n          username\n        }\n        kind\n        subject\n        expected\n        actual\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n": types.AdminReconciliationPageDocument,
    "\n  query AdminUserPage(\n    $id: ID!\n    $ordersFirst: Int\n    $ordersAfter: String\n    $ordersLast: Int\n    $ordersBefore: String\n    $eventsFirst: Int\n    $eventsAfter: String\n    $eventsLast: Int\n    $eventsBefore: String\n  ) {\n    user(id: $id) {\n      id\n      username\n      firstName\n      lastName\n      email\n      phone\n      role\n      createdAt\n      balance\n      orders(first: $ordersFirst, after: $ordersAfter, last: $ordersLast, before: $ordersBefore) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n      securityEvents(first: $eventsFirst, after: $eventsAfter, last: $eventsLast, before: $eventsBefore) {\n        edges {\n          node {\n            ...AdminAuditEvent\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": types.AdminUserPageDocument,
    "\n  fragment AdminUserRow on User {\n    id\n    username\n    firstName\n    lastName\n    email\n    role\n    createdAt\n    balance\n  }\n": types.AdminUserRowFragmentDoc,
    "\n  query AdminUsersPage($filter: UserFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.AdminUsersPageDocument,
    "\n  query DashboardPage($historyInterval: CandleInterval!, $historyFrom: DateTime) {\n    me {\n      id\n      username\n      firstName\n      createdAt\n      portfolio {\n        ...PortfolioSummary\n        history(interval: $historyInterval, from: $historyFrom) {\n          ...PortfolioPoint\n        }\n      }\n      orders(first: 5) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: 5) {\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n      }\n    }\n  }\n": types.DashboardPageDocument,
    "\n  fragment AssetTicker on Asset {\n    symbol\n    name\n    price\n    change24h\n    ...PriceSparkline\n  }\n": types.AssetTickerFragmentDoc,
    "\n  query LandingPage {\n    assets(first: 10) {\n      totalCount\n      edges {\n        node {\n          ...AssetTicker\n        }\n      }\n    }\n  }\n": types.LandingPageDocument,
    "\n  fragment MarketRow on Asset {\n    symbol\n    name\n    category\n    price\n    change24h\n    marketCap\n    active\n    ...PriceSparkline\n  }\n": types.MarketRowFragmentDoc,
    "\n  query MarketsPage($filter: AssetFilter, $sort: AssetSort, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        node {\n          ...MarketRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n": types.MarketsPageDocument,
    "\n  query OrdersPage($first: Int, $after: String, $last: Int, $before: String, $filter: OrderFilter) {\n    me {\n      id\n      orders(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": types.OrdersPageDocument,
    "\n  query PortfolioPage {\n    me {\n      id\n      portfolio {\n        ...PortfolioSummary\n      }\n    }\n  }\n": types.PortfolioPageDocument,
    "\n  query PositionPage($symbol: String!, $orders: Int!, $ledger: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      price\n    }\n    me {\n      id\n      holdings {\n        ...PositionRow\n      }\n      orders(first: $orders, filter: { symbol: $symbol }) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: $ledger) {\n        edges {\n          node {\n            ...LedgerRow\n            order {\n              id\n              asset {\n                symbol\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.PositionPageDocument,
    "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n    expiresAt\n    allowedIps\n  }\n": types.ApiKeyRowFragmentDoc,
    "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyRow\n      }\n    }\n  }\n": types.CreateApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n": types.RevokeApiKeyDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  fragment ProfileFields on User {\n    id\n    username\n    email\n    firstName\n    lastName\n    phone\n    role\n    createdAt\n  }\n": types.ProfileFieldsFragmentDoc,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  query ProfilePage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      ...ProfileFields\n      apiKeys {\n        ...ApiKeyRow\n      }\n      securityEvents(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          node {\n            ...SecurityEventRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n": types.ProfilePageDocument,
    "\n  fragment SecurityEventRow on AuditEvent {\n    id\n    at\n    action\n    outcome\n    reason\n    ip\n  }\n": types.SecurityEventRowFragmentDoc,
    "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n": types.LogoutEverywhereDocument,
    "\n  fragment MarketStats on Asset {\n    symbol\n    price\n    change24h\n    stats24h {\n      open\n      high\n      low\n    }\n    volume24h\n    trades24h\n  }\n": types.MarketStatsFragmentDoc,
    "\n  fragment OpenOrder on Order {\n    id\n    side\n    status\n    quantity\n    limitPrice\n    reservedCash\n    createdAt\n    asset {\n      symbol\n    }\n  }\n": types.OpenOrderFragmentDoc,
    "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelledAt\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n": types.CancelOrderDocument,
    "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderRow\n      clientOrderId\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n": types.PlaceOrderDocument,
    "\n  fragment ChartCandle on Candle {\n    start\n    open\n    high\n    low\n    close\n  }\n": types.ChartCandleFragmentDoc,
    "\n  query TradeChart($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n  }\n": types.TradeChartDocument,
    "\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candleUpdated(symbol: $symbol, interval: $interval) {\n      ...ChartCandle\n    }\n  }\n": types.CandleUpdatesDocument,
    "\n  query TradePage($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      description\n      category\n      price\n      change24h\n      marketCap\n      active\n      ...MarketStats\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n    me {\n      id\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      holdings {\n        ...PositionRow\n      }\n      orders(status: OPEN, first: 50) {\n        edges {\n          node {\n            ...OpenOrder\n          }\n        }\n      }\n    }\n  }\n": types.TradePageDocument,
    "\n  fragment PortfolioPoint on PortfolioPoint {\n    at\n    value\n    cash\n  }\n": types.PortfolioPointFragmentDoc,
    "\n  query PortfolioHistory($interval: CandleInterval!, $from: DateTime) {\n    me {\n      id\n      portfolio {\n        history(interval: $interval, from: $from) {\n          ...PortfolioPoint\n        }\n      }\n    }\n  }\n": types.PortfolioHistoryDocument,
    "\n  fragment PortfolioSummary on Portfolio {\n    cashBalance\n    reservedCash\n    availableCash\n    positions {\n      ...PositionRow\n    }\n  }\n": types.PortfolioSummaryFragmentDoc,
    "\n  fragment PositionRow on Holding {\n    quantity\n    reservedQuantity\n    averageCost\n    marketValue\n    unrealizedPnl\n    asset {\n      symbol\n      name\n      price\n    }\n  }\n": types.PositionRowFragmentDoc,
    "\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n  }\n": types.SessionPayloadFragmentDoc,
    "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n": types.RefreshSessionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ClientTestBalance {\n    me {\n      id\n      balance\n    }\n  }\n"): (typeof documents)["\n  query ClientTestBalance {\n    me {\n      id\n      balance\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation Register($input: RegisterInput!) {\n    register(input: $input) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      ...SessionPayload\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    logout\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    logout\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LedgerRow on LedgerEntry {\n    id\n    type\n    amount\n    balanceAfter\n    createdAt\n    orderId\n  }\n"): (typeof documents)["\n  fragment LedgerRow on LedgerEntry {\n    id\n    type\n    amount\n    balanceAfter\n    createdAt\n    orderId\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PriceSparkline on Asset {\n    symbol\n    price\n    sparkline: candles(interval: ONE_HOUR, last: 168) {\n      close\n    }\n  }\n"): (typeof documents)["\n  fragment PriceSparkline on Asset {\n    symbol\n    price\n    sparkline: candles(interval: ONE_HOUR, last: 168) {\n      close\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LivePricesTestBoard {\n    assets(first: 2) {\n      edges {\n        node {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LivePricesTestBoard {\n    assets(first: 2) {\n      edges {\n        node {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MarketTicks($symbols: [String!]) {\n    marketTicks(symbols: $symbols) {\n      at\n      ticks {\n        symbol\n        price\n        asset {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MarketTicks($symbols: [String!]) {\n    marketTicks(symbols: $symbols) {\n      at\n      ticks {\n        symbol\n        price\n        asset {\n          symbol\n          price\n          change24h\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderRow on Order {\n    id\n    side\n    type\n    status\n    quantity\n    limitPrice\n    price\n    total\n    createdAt\n    filledAt\n    asset {\n      symbol\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment OrderRow on Order {\n    id\n    side\n    type\n    status\n    quantity\n    limitPrice\n    price\n    total\n    createdAt\n    filledAt\n    asset {\n      symbol\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription OrderUpdates {\n    orderUpdated {\n      ...OrderRow\n      cancelledAt\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription OrderUpdates {\n    orderUpdated {\n      ...OrderRow\n      cancelledAt\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountAfterTrade on User {\n    id\n    balance\n    holdings {\n      ...PositionRow\n    }\n    portfolio {\n      cashBalance\n      reservedCash\n      availableCash\n      holdingsValue\n      totalValue\n      positions {\n        ...PositionRow\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment AccountAfterTrade on User {\n    id\n    balance\n    holdings {\n      ...PositionRow\n    }\n    portfolio {\n      cashBalance\n      reservedCash\n      availableCash\n      holdingsValue\n      totalValue\n      positions {\n        ...PositionRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AccountPage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      id\n      balance\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      transactions(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AccountPage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      id\n      balance\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      transactions(first: $first, after: $after, last: $last, before: $before) {\n        totalCount\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Deposit($amount: Decimal!, $idempotencyKey: String) {\n    deposit(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n"): (typeof documents)["\n  mutation Deposit($amount: Decimal!, $idempotencyKey: String) {\n    deposit(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Withdraw($amount: Decimal!, $idempotencyKey: String) {\n    withdraw(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n"): (typeof documents)["\n  mutation Withdraw($amount: Decimal!, $idempotencyKey: String) {\n    withdraw(amount: $amount, idempotencyKey: $idempotencyKey) {\n      ...LedgerRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminPage($search: String, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(\n      filter: { search: $search, activeOnly: false }\n      sort: { field: SYMBOL, direction: ASC }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      edges {\n        node {\n          ...AdminAsset\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminPage($search: String, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(\n      filter: { search: $search, activeOnly: false }\n      sort: { field: SYMBOL, direction: ASC }\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n    ) {\n      totalCount\n      edges {\n        node {\n          ...AdminAsset\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminAsset on Asset {\n    symbol\n    name\n    description\n    category\n    price\n    change24h\n    marketCap\n    active\n  }\n"): (typeof documents)["\n  fragment AdminAsset on Asset {\n    symbol\n    name\n    description\n    category\n    price\n    change24h\n    marketCap\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      ...AdminAsset\n    }\n  }\n"): (typeof documents)["\n  mutation CreateAsset($input: CreateAssetInput!) {\n    createAsset(input: $input) {\n      ...AdminAsset\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAsset($symbol: String!, $input: UpdateAssetInput!) {\n    updateAsset(symbol: $symbol, input: $input) {\n      ...AdminAsset\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAsset($symbol: String!, $input: UpdateAssetInput!) {\n    updateAsset(symbol: $symbol, input: $input) {\n      ...AdminAsset\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminAuditPage($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminAuditEvent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminAuditPage($filter: AuditEventFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    auditEvents(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminAuditEvent\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminAuditEvent on AuditEvent {\n    id\n    at\n    action\n    outcome\n    actorId\n    actorRole\n    subjectId\n    reason\n    ip\n    details\n  }\n"): (typeof documents)["\n  fragment AdminAuditEvent on AuditEvent {\n    id\n    at\n    action\n    outcome\n    actorId\n    actorRole\n    subjectId\n    reason\n    ip\n    details\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminReconciliationPage($first: Int, $after: String) {\n    reconciliation(first: $first, after: $after) {\n      usersChecked\n      mismatches {\n        user {\n          id\n          username\n        }\n        kind\n        subject\n        expected\n        actual\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminReconciliationPage($first: Int, $after: String) {\n    reconciliation(first: $first, after: $after) {\n      usersChecked\n      mismatches {\n        user {\n          id\n          username\n        }\n        kind\n        subject\n        expected\n        actual\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUserPage(\n    $id: ID!\n    $ordersFirst: Int\n    $ordersAfter: String\n    $ordersLast: Int\n    $ordersBefore: String\n    $eventsFirst: Int\n    $eventsAfter: String\n    $eventsLast: Int\n    $eventsBefore: String\n  ) {\n    user(id: $id) {\n      id\n      username\n      firstName\n      lastName\n      email\n      phone\n      role\n      createdAt\n      balance\n      orders(first: $ordersFirst, after: $ordersAfter, last: $ordersLast, before: $ordersBefore) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n      securityEvents(first: $eventsFirst, after: $eventsAfter, last: $eventsLast, before: $eventsBefore) {\n        edges {\n          node {\n            ...AdminAuditEvent\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUserPage(\n    $id: ID!\n    $ordersFirst: Int\n    $ordersAfter: String\n    $ordersLast: Int\n    $ordersBefore: String\n    $eventsFirst: Int\n    $eventsAfter: String\n    $eventsLast: Int\n    $eventsBefore: String\n  ) {\n    user(id: $id) {\n      id\n      username\n      firstName\n      lastName\n      email\n      phone\n      role\n      createdAt\n      balance\n      orders(first: $ordersFirst, after: $ordersAfter, last: $ordersLast, before: $ordersBefore) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n      securityEvents(first: $eventsFirst, after: $eventsAfter, last: $eventsLast, before: $eventsBefore) {\n        edges {\n          node {\n            ...AdminAuditEvent\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AdminUserRow on User {\n    id\n    username\n    firstName\n    lastName\n    email\n    role\n    createdAt\n    balance\n  }\n"): (typeof documents)["\n  fragment AdminUserRow on User {\n    id\n    username\n    firstName\n    lastName\n    email\n    role\n    createdAt\n    balance\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminUsersPage($filter: UserFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminUsersPage($filter: UserFilter, $first: Int, $after: String, $last: Int, $before: String) {\n    users(filter: $filter, first: $first, after: $after, last: $last, before: $before) {\n      edges {\n        node {\n          ...AdminUserRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardPage($historyInterval: CandleInterval!, $historyFrom: DateTime) {\n    me {\n      id\n      username\n      firstName\n      createdAt\n      portfolio {\n        ...PortfolioSummary\n        history(interval: $historyInterval, from: $historyFrom) {\n          ...PortfolioPoint\n        }\n      }\n      orders(first: 5) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: 5) {\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DashboardPage($historyInterval: CandleInterval!, $historyFrom: DateTime) {\n    me {\n      id\n      username\n      firstName\n      createdAt\n      portfolio {\n        ...PortfolioSummary\n        history(interval: $historyInterval, from: $historyFrom) {\n          ...PortfolioPoint\n        }\n      }\n      orders(first: 5) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: 5) {\n        edges {\n          node {\n            ...LedgerRow\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AssetTicker on Asset {\n    symbol\n    name\n    price\n    change24h\n    ...PriceSparkline\n  }\n"): (typeof documents)["\n  fragment AssetTicker on Asset {\n    symbol\n    name\n    price\n    change24h\n    ...PriceSparkline\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LandingPage {\n    assets(first: 10) {\n      totalCount\n      edges {\n        node {\n          ...AssetTicker\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query LandingPage {\n    assets(first: 10) {\n      totalCount\n      edges {\n        node {\n          ...AssetTicker\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MarketRow on Asset {\n    symbol\n    name\n    category\n    price\n    change24h\n    marketCap\n    active\n    ...PriceSparkline\n  }\n"): (typeof documents)["\n  fragment MarketRow on Asset {\n    symbol\n    name\n    category\n    price\n    change24h\n    marketCap\n    active\n    ...PriceSparkline\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MarketsPage($filter: AssetFilter, $sort: AssetSort, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        node {\n          ...MarketRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query MarketsPage($filter: AssetFilter, $sort: AssetSort, $first: Int, $after: String, $last: Int, $before: String) {\n    assets(filter: $filter, sort: $sort, first: $first, after: $after, last: $last, before: $before) {\n      totalCount\n      edges {\n        node {\n          ...MarketRow\n        }\n      }\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrdersPage($first: Int, $after: String, $last: Int, $before: String, $filter: OrderFilter) {\n    me {\n      id\n      orders(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OrdersPage($first: Int, $after: String, $last: Int, $before: String, $filter: OrderFilter) {\n    me {\n      id\n      orders(first: $first, after: $after, last: $last, before: $before, filter: $filter) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioPage {\n    me {\n      id\n      portfolio {\n        ...PortfolioSummary\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioPage {\n    me {\n      id\n      portfolio {\n        ...PortfolioSummary\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PositionPage($symbol: String!, $orders: Int!, $ledger: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      price\n    }\n    me {\n      id\n      holdings {\n        ...PositionRow\n      }\n      orders(first: $orders, filter: { symbol: $symbol }) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: $ledger) {\n        edges {\n          node {\n            ...LedgerRow\n            order {\n              id\n              asset {\n                symbol\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PositionPage($symbol: String!, $orders: Int!, $ledger: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      price\n    }\n    me {\n      id\n      holdings {\n        ...PositionRow\n      }\n      orders(first: $orders, filter: { symbol: $symbol }) {\n        edges {\n          node {\n            ...OrderRow\n          }\n        }\n      }\n      transactions(first: $ledger) {\n        edges {\n          node {\n            ...LedgerRow\n            order {\n              id\n              asset {\n                symbol\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n    expiresAt\n    allowedIps\n  }\n"): (typeof documents)["\n  fragment ApiKeyRow on ApiKey {\n    id\n    name\n    scopes\n    createdAt\n    lastUsedAt\n    expiresAt\n    allowedIps\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyRow\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateApiKey($input: CreateApiKeyInput!) {\n    createApiKey(input: $input) {\n      secret\n      apiKey {\n        ...ApiKeyRow\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProfileFields on User {\n    id\n    username\n    email\n    firstName\n    lastName\n    phone\n    role\n    createdAt\n  }\n"): (typeof documents)["\n  fragment ProfileFields on User {\n    id\n    username\n    email\n    firstName\n    lastName\n    phone\n    role\n    createdAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...ProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProfilePage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      ...ProfileFields\n      apiKeys {\n        ...ApiKeyRow\n      }\n      securityEvents(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          node {\n            ...SecurityEventRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProfilePage($first: Int, $after: String, $last: Int, $before: String) {\n    me {\n      ...ProfileFields\n      apiKeys {\n        ...ApiKeyRow\n      }\n      securityEvents(first: $first, after: $after, last: $last, before: $before) {\n        edges {\n          node {\n            ...SecurityEventRow\n          }\n        }\n        pageInfo {\n          hasNextPage\n          hasPreviousPage\n          startCursor\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SecurityEventRow on AuditEvent {\n    id\n    at\n    action\n    outcome\n    reason\n    ip\n  }\n"): (typeof documents)["\n  fragment SecurityEventRow on AuditEvent {\n    id\n    at\n    action\n    outcome\n    reason\n    ip\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"): (typeof documents)["\n  mutation LogoutEverywhere {\n    logoutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MarketStats on Asset {\n    symbol\n    price\n    change24h\n    stats24h {\n      open\n      high\n      low\n    }\n    volume24h\n    trades24h\n  }\n"): (typeof documents)["\n  fragment MarketStats on Asset {\n    symbol\n    price\n    change24h\n    stats24h {\n      open\n      high\n      low\n    }\n    volume24h\n    trades24h\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OpenOrder on Order {\n    id\n    side\n    status\n    quantity\n    limitPrice\n    reservedCash\n    createdAt\n    asset {\n      symbol\n    }\n  }\n"): (typeof documents)["\n  fragment OpenOrder on Order {\n    id\n    side\n    status\n    quantity\n    limitPrice\n    reservedCash\n    createdAt\n    asset {\n      symbol\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelledAt\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!) {\n    cancelOrder(id: $id) {\n      id\n      status\n      cancelledAt\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderRow\n      clientOrderId\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PlaceOrder($input: PlaceOrderInput!) {\n    placeOrder(input: $input) {\n      ...OrderRow\n      clientOrderId\n      reservedCash\n      user {\n        ...AccountAfterTrade\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChartCandle on Candle {\n    start\n    open\n    high\n    low\n    close\n  }\n"): (typeof documents)["\n  fragment ChartCandle on Candle {\n    start\n    open\n    high\n    low\n    close\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TradeChart($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n  }\n"): (typeof documents)["\n  query TradeChart($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candleUpdated(symbol: $symbol, interval: $interval) {\n      ...ChartCandle\n    }\n  }\n"): (typeof documents)["\n  subscription CandleUpdates($symbol: String!, $interval: CandleInterval!) {\n    candleUpdated(symbol: $symbol, interval: $interval) {\n      ...ChartCandle\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TradePage($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      description\n      category\n      price\n      change24h\n      marketCap\n      active\n      ...MarketStats\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n    me {\n      id\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      holdings {\n        ...PositionRow\n      }\n      orders(status: OPEN, first: 50) {\n        edges {\n          node {\n            ...OpenOrder\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query TradePage($symbol: String!, $interval: CandleInterval!, $last: Int!) {\n    asset(symbol: $symbol) {\n      symbol\n      name\n      description\n      category\n      price\n      change24h\n      marketCap\n      active\n      ...MarketStats\n      candles(interval: $interval, last: $last) {\n        ...ChartCandle\n      }\n    }\n    me {\n      id\n      portfolio {\n        availableCash\n        reservedCash\n      }\n      holdings {\n        ...PositionRow\n      }\n      orders(status: OPEN, first: 50) {\n        edges {\n          node {\n            ...OpenOrder\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortfolioPoint on PortfolioPoint {\n    at\n    value\n    cash\n  }\n"): (typeof documents)["\n  fragment PortfolioPoint on PortfolioPoint {\n    at\n    value\n    cash\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PortfolioHistory($interval: CandleInterval!, $from: DateTime) {\n    me {\n      id\n      portfolio {\n        history(interval: $interval, from: $from) {\n          ...PortfolioPoint\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query PortfolioHistory($interval: CandleInterval!, $from: DateTime) {\n    me {\n      id\n      portfolio {\n        history(interval: $interval, from: $from) {\n          ...PortfolioPoint\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PortfolioSummary on Portfolio {\n    cashBalance\n    reservedCash\n    availableCash\n    positions {\n      ...PositionRow\n    }\n  }\n"): (typeof documents)["\n  fragment PortfolioSummary on Portfolio {\n    cashBalance\n    reservedCash\n    availableCash\n    positions {\n      ...PositionRow\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PositionRow on Holding {\n    quantity\n    reservedQuantity\n    averageCost\n    marketValue\n    unrealizedPnl\n    asset {\n      symbol\n      name\n      price\n    }\n  }\n"): (typeof documents)["\n  fragment PositionRow on Holding {\n    quantity\n    reservedQuantity\n    averageCost\n    marketValue\n    unrealizedPnl\n    asset {\n      symbol\n      name\n      price\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n  }\n"): (typeof documents)["\n  fragment SessionPayload on AuthPayload {\n    token\n    expiresAt\n    refreshToken\n    user {\n      id\n      username\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n"): (typeof documents)["\n  mutation RefreshSession($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      ...SessionPayload\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;