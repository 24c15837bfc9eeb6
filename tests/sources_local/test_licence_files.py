"""Licence files: which names are licence files, and what their text is."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openness.sources.local.licence_files import identify_licence_text, is_licence_file

from . import builders as b


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("LICENSE", True),
        ("LICENCE.md", True),
        ("COPYING", True),
        ("LICENSE-APACHE", True),
        ("license.txt", True),
        ("MODEL_LICENSE", True),
        ("LICENSE_weights.txt", True),
        ("UNLICENSE", True),
        ("license.py", False),
        ("licensing.json", False),
        ("README.md", False),
        ("licenses", False),
    ],
)
def test_is_licence_file(name: str, expected: bool) -> None:
    assert is_licence_file(name) is expected


GPL3 = "                    GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007\n"
LGPL21 = "    GNU LESSER GENERAL PUBLIC LICENSE\n    Version 2.1, February 1999\n"
AGPL = "    GNU AFFERO GENERAL PUBLIC LICENSE\n    Version 3, 19 November 2007\n"
BSD3 = (
    "BSD 3-Clause License\n\nCopyright (c) 2022\n\n"
    "Redistribution and use in source and binary forms, with or "
    "without\nmodification, are permitted...\n3. Neither the name of the copyright holder\n"
)
BSD2 = (
    "Copyright (c) 2022\n\nRedistribution and use in source and binary forms, with or without modification\n"
)


@pytest.mark.parametrize(
    ("text", "licence", "method"),
    [
        (b.APACHE, "Apache-2.0", "text-phrases"),
        (b.MIT, "MIT", "text-phrases"),
        (b.CC_BY, "CC-BY-4.0", "text-phrases"),
        ("Attribution-ShareAlike 4.0 International\n\n", "CC-BY-SA-4.0", "text-phrases"),
        ("Attribution-NonCommercial 4.0 International\n", "CC-BY-NC-4.0", "text-phrases"),
        ("Creative Commons Legal Code\n\nCC0 1.0 Universal\n", "CC0-1.0", "text-phrases"),
        (GPL3, "GPL-3.0-only", "text-phrases"),
        (LGPL21, "LGPL-2.1-only", "text-phrases"),
        (AGPL, "AGPL-3.0-only", "text-phrases"),
        (BSD3, "BSD-3-Clause", "text-phrases"),
        (BSD2, "BSD-2-Clause", "text-phrases"),
        (
            "Mozilla Public License Version 2.0\n==================================\n",
            "MPL-2.0",
            "text-phrases",
        ),
        ("SPDX-License-Identifier: Apache-2.0 OR MIT\n\nlong text", "Apache-2.0 OR MIT", "spdx-header"),
        # AI licences the catalogue knows by their title and recorded phrases
        (b.LLAMA, "LicenseRef-scancode-llama-2-license-2023", "text:title"),
        (
            "# Falcon 2 11B TII License Version 1.0\n\nbased on the Apache License, Version 2.0\n",
            "LicenseRef-scancode-falcon-2-11b-1.0",
            "text:title",
        ),
        (
            "Tongyi Qianwen LICENSE AGREEMENT\n\nRedistribution and use in source and binary forms\n",
            "LicenseRef-scancode-tongyi-qianwen-2023",
            "text:title",
        ),
        # a custom licence nobody knows: its title as written, for the normaliser to call unresolved
        ("KITE COMMUNITY LICENSE AGREEMENT\nVersion 1\n", "KITE COMMUNITY LICENSE AGREEMENT", "title"),
        ("hello world\n", None, "none"),
        ("", None, "none"),
    ],
)
def test_identify_licence_text(text: str, licence: str | None, method: str) -> None:
    found, how, confidence = identify_licence_text(text)
    assert (found, how) == (licence, method)
    assert (confidence > 0) is (licence is not None)


@given(st.text(max_size=3000))
def test_identify_never_raises_and_is_consistent(text: str) -> None:
    found, how, confidence = identify_licence_text(text)
    assert 0.0 <= confidence <= 1.0
    assert (found is None) == (how == "none")
