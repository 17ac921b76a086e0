-- Placeholder so that 011_subscriptions.sql runs on this branch: number 010 belongs to the
-- OIDC provider's migration (issue 17). Delete this file when merging with it.
SELECT 1;
