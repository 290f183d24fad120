from voice_coach.cli import main

raise SystemExit(main())
