"""``python -m explainer.numbers``: write every chapter's computed numbers into its notebook."""

from . import main

raise SystemExit(main())
