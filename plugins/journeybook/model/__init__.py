"""What authors wrote, validated, then resolved into journeys; one project load per build."""
