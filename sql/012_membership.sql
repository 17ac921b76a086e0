-- Membership (issue 18): derived from the membership fees in the ledger, never stored as a
-- state, so that a correction or a late link changes it with nothing to keep in step.
--
-- The policy lives in settings (read by portal/membership/policy.cpp, defaults in code):
--   membership.enabled       "1" (default) | "0": a hoster without fees turns it off
--   membership.policy        year_from_payment (default) | calendar_year | association_year
--   membership.year_start    "MM-DD", first day of the association year (default "01-01")
--   membership.minimum_fee   cents; a fee below it does not count ("0", the default: prix libre)
--   membership.currency      ISO 4217 code of the minimum (default "EUR"); with a minimum, a fee
--                            in another currency cannot be compared and does not count
--   membership.renewal_days  renewal due in the last N days (default 30)
--   membership.grace_days    grace for M days after the last day (default 30)

-- Honorary members stand outside the fees; set by an admin.
ALTER TABLE members ADD COLUMN honorary INTEGER NOT NULL DEFAULT 0 CHECK (honorary IN (0, 1));

-- The register reads every linked fee, member by member, without scanning the whole log.
CREATE INDEX ledger_entries_fees_by_member ON ledger_entries (member_id, entry_date, id)
  WHERE kind = 'membership_fee' AND member_id IS NOT NULL;
