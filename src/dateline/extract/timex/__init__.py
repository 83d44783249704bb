"""Recognition and normalisation of TIMEX3 expressions (DATE, TIME, DURATION, SET).

- :mod:`.lexicon`: constant word tables (months, weekdays, numbers, units, holidays);
- :mod:`.patterns`: the regular-expression grammar that finds candidate spans;
- :mod:`.calendar`: date arithmetic in TimeML's ISO-based notation;
- :mod:`.tense`: the tense of the clause a time expression sits in;
- :mod:`.normalise`: one normaliser per grammar rule, turning a match into a value.
"""
