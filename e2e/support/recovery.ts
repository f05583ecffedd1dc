// The read-only account the e2e servers' SQL recovery checks run as (RECOVERY_MYSQL_URL). The spec
// e2e/recovery-privileges.spec.ts creates it (and its shop database) through the MariaDB root account.
export const E2E_RECOVERY_DB = "ic_e2e_recovery_shop";
export const E2E_RECOVERY_USER = "ic_e2e_checks";
export const E2E_RECOVERY_PASSWORD = "ic-e2e-checks-pw";
export const E2E_RECOVERY_MYSQL_URL = `mysql://${E2E_RECOVERY_USER}:${E2E_RECOVERY_PASSWORD}@127.0.0.1:3306/${E2E_RECOVERY_DB}`;
export const E2E_MARIADB_ROOT = process.env.TEST_MYSQL_URL ?? "mysql://root@127.0.0.1:3306/test";
