//! Messages for banks (create/update, attributes), branches, ATMs, products (with attributes) and physical cards.
