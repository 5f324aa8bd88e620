"""When things are due: the working-hours calendar and the prompt ladder."""
