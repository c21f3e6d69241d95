//! Messages for customers (all banks, updates), customer attributes, KYC, account and transaction attributes, account routings and counterparty deletion.
