from values.cli import main

raise SystemExit(main())
