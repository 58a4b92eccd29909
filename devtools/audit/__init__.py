"""`make audit` (devtools/audit/run): Lighthouse, the Nu HTML Checker, axe-core and screenshots of every page
kind in both languages, against the seeded directory with production settings, next to issue 14's targets."""
