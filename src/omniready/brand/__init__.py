"""The brand collector: read a client's channel materials, run the brand checks, write `scan:`.

readers/ turn one file into a Material (I/O); checks/ are pure functions from materials and the
declared brand facts to findings, each with its definition (YAML) beside it; scan.py walks the
folders; record.py turns the result into the audit's `steps.brand.scan` record.
"""
