"""The meeting rules by name: what each one does, and the switch that leaves some out to measure them.

Every rule in bot/extract/meetings.py asks `rule_on(name)` before it acts; all are on unless an
ablation switches some off with `rules_off`. Trigger words are rules too, one per word of the
trigger file bot/extract/triggers.toml ("trigger:meet", "trigger:summit").
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

from bot.extract.triggers import triggers

MEETING_RULES: dict[str, str] = {
    # participants: phrases, coordination, names
    "names_in_a_list": "'A, B and C' parsed as A with B apposed: two different people are a list",
    "apposed_names_for_phrase": "'the leaders, A and B': the apposed names stand for the phrase",
    "sibling_subjects": "'A and B agreed' parsed as two subjects of one verb: both are subjects",
    "with_hung_on_verb": "'held talks on Friday with X': the with-phrase hung on the verb",
    "subject_of_copula_noun": "'X is the first minister to visit Y': the visitor is X",
    "subject_object_control": "'invited X to visit': the object is the one who visits",
    "name_right_after_verb": "'called Chancellor Berg hours before' with no object parsed: the person named right after the verb",
    "name_after_verb_not_prepositional": "'called for Governor Ana Tosk to reopen the case': a name after a preposition hung on the verb is that preposition's object, not a party found right after the verb",
    "passive_agent_meets": "'X was met by Y': the agent is a party, as for hosted and received",
    "passive_agent_holds_event": "'the plan was approved by X after talks with Y': the by-agent of a passive verb, not its subject, is at the event",
    "passive_agent_conjuncts": "'X was greeted by A and B': every coordinated person of a passive agent is a party",
    "body_meets": "'OPEC meets in Vienna': an organisation meeting alone is its members' meeting",
    "event_count_not_party": "'the third foreign ministers' meeting', 'the May 4-5 leaders' meeting': an ordinal or a date opening the group that owns an event noun counts or dates the event, not the group",
    "party_phrase_drops_place": "'the US delegation in Beijing': the party is the delegation, the place is the location's",
    "delegation_stands_for_leader": "'met a delegation led by X', 'members of a team headed by X': the group stands for its named leader (lexicon)",
    "people_met_by_kind": "'met villagers and a priest', 'met soldiers at the base': people the text names by their kind alone are the unnamed parties met (lexicon)",
    "party_nouns_unnamed": "unnamed parties by noun ('officials', 'a delegation')",
    "visiting_attribute_is_a_visit": "'Visiting Chilean President X said ...' parsed with 'visiting' a modifier of the name: X's visit is told",
    "visiting_names_the_visitor": "'talks with visiting Secretary Rice' parsed as a verb: its object is the party",
    "visiting_attribute_names_the_visitor": "'talks between A and visiting President B' parsed with B as the verb's object: B is the visitor, not A's host (lexicon)",
    "title_heads_its_holder": "'Minister for Trade and Industry Ana Ruiz' parsed with the title as head: the one name inside",
    "names_organisation_heads": "'the State Department' after a title, 'the Lisbon Pact': an office or an agreement is no person (lexicon)",
    "apposed_proper_name": "'his counterpart Ivars Berzins' with the name not tagged a person: the name is the party",
    "name_run_completed": "'Ana Mira Tosk' cut or mis-tagged: completed around a surname the text uses alone",
    "apposed_role_name": "'Ivo Marek, a spokesman for ...' with the name not tagged: a name an apposed role noun marks is a person",
    "particle_name_joined": "'Prince Muqrin' + 'bin Saud': a name part opening with a particle continues the given name before it",
    "capitalised_particle": "'De Vries said' opening a sentence is 'Anna de Vries': a particle capitalised at a sentence's start is the same name",
    "titled_surname_like_a_place": "'President Rafael Toledo': a place's name right after a title and a given name is the person's surname",
    "date_after_title_no_name": "'the president Wednesday said': a day or month the model reads as a date is no name after a title",
    "shared_surname_latest_full_name": "'Dahl said' when 'Erik Dahl' and 'Ana Dahl' are named: the one named in full last before, not one mostly called by given name alone",
    "particle_surname_lower_case": "'al-Muzini said' after 'Osama al-Muzini': a surname written with its lower-case particle is looked up as a name",
    "place_kind_of_name_no_person": "'the northern town of Tarvik' with Tarvik tagged a person: a name after a kind of place and 'of' is a place everywhere in the text",
    "apposed_role_titles": "'Ana Tosk, Ruritania's foreign minister, said': the apposed office titles the untitled name, so 'the foreign minister' finds her",
    "role_apposed_before_name": "'Ruritania's foreign minister, Ana Tosk, said': an office the name is apposed to titles it, as one apposed after it does",
    "object_pronoun_not_subject_person": "'Dahl criticised Berg and accused him', '..., accusing him': a him/her object is not its clause's subject person, shared from the head verb or named in an earlier sentence",
    "particle_surname_not_group": "'Omar Hadi al-Tarvi said he ...': a name whose surname carries a lower-case particle is one person, not an unnamed group (so a he/she may stand for it)",
    "particle_surname": "'Assad said' after 'Bashar al-Assad': a particle-joined surname is also the bare surname; 'Abu Ali' is the short form of a longer name, no second person",
    "role_phrase_to_named_person": "'the foreign minister' is the person the document names so",
    "role_salient_holder": "'the prime minister' when two are named: the one last a subject nearby",
    "role_untitled_protagonist": "'the minister' when nobody is titled so: the last untitled person subject nearby",
    "apposed_name_after_of_phrase": "'the leader of the Ruritanian party, Ivo Marek,': the name apposed to the role phrase, hung by the parser on the of-phrase's noun or on the verb",
    "lead_role_named_next": "'the Ruritanian minister said ...' opening the story, no one named before: the person the next two sentences name as a subject, when the role fits",
    "title_complement_and": "'Minister for Water and Power Ana Tosk': a title's field may join two capitalised fields by 'and'",
    "role_of_a_place_not_protagonist": "'the president of Ruritania' is not the untitled protagonist: an office of a named place is its own holder",
    "former_holder_not_current": "'the president' is not one the text titles only 'former president'",
    "role_marked_nationality": "'the Japanese minister' is the one minister the text marks Japanese ('his Japanese counterpart X')",
    "counterpart_holds_the_role": "'A met his counterpart B': B holds A's office",
    "role_unnamed_holder": "'the chancellor' with no name is kept as an unnamed office holder",
    "the_two_pair": "'the two', 'both', 'the two leaders': the pair just named",
    "their_event_pair": "'their summit': the two people named before it in the sentence, or the pair just told",
    "plural_group_alone": "a plural group meeting ('officials met') stands without a counterpart",
    "pronoun_before_main_subject": "a pronoun before the main subject refers to that subject",
    "pronoun_recent_subject": "he/she: the latest person subject in this or the three sentences before",
    "pronoun_gender_agreement": "he/she never a person a title or an earlier pronoun gives the other gender",
    "object_pronoun_not_own_subject": "'Kalns greeted him': him is never the subject of its own verb",
    "titled_name_completed": "'President Ana Mira Tosk' with the last word untagged: the title's name runs to it",
    "pronoun_in_who_clause": "he/she inside 'Name, who ...' is that person",
    "pronoun_reach_skips_marks": "he/she: a split-off quotation mark is no sentence of the subject search's reach",
    "pronoun_chain": "he/she with no named subject in reach: the person an earlier subject he/she stands for",
    "speaker_not_named_in_report": "'Dahl will attend the summit, he said': a speaking he/she is not a person the reported clause names",
    "pronoun_last_person": "he/she with no subject found: the last person named before",
    "earlier_party_named_later": "'The meeting with <name>' names the unnamed party of the event just told",
    "name_modifier_suffix": "'the Ivo Marek-led cabinet', 'Tosk-era rules': a name hyphened to '-led', '-era', '-style' is the person without it, a lone word no person (lexicon)",
    "title_complement": "'Ambassador to Vesk Tomas Brell', 'Special Representative for Ruritania Ana Tosk': a title's place or field after of/for/to, right before the name, is part of the title",
    "hyphened_title": "'Vice-President Ana Tosk', 'UN Secretary-General Ivo Marek': a title hyphened from two title words is the whole title, not its last word",
    "role_kind_holders": "'the pontiff', 'the monarch', 'the chief', 'the envoy' when nobody is titled so: the one titled pope, king or queen, president or chairman, special representative or ambassador (lexicon)",
    "name_after_title_field": "'Minister for Fisheries and Forestry Ivo Marek' with the name not tagged: the compound run after the title's field is a person (lexicon)",
    "name_first_word_alone": "'Sarn said' after 'Sarn Teodo', 'Kesh said' after 'Kesh Varimo': a full name's first word written alone is the person, when no other name holds it",
    # triggers: constraints on the trigger words
    "skip_inside_quotes": "an event inside quotation marks is speech, not reported",
    "skip_first_person": "'we met' / 'I will visit': the speaker's own events are not reported ones",
    "skip_participle_modifier": "'the agreed plan', 'a hosted dinner': a participle modifier is no event",
    "negated_or_refused": "not, whether-questions: the event is not stated",
    "refusal_verbs": "'refused to meet': the event will not take place",
    "past_perfect_plan_unrealised": "'had expected to meet', 'had been due to hold talks': a plan the past perfect tells did not come true (lexicon)",
    "past_be_to_have_unrealised": "'was to have met X', 'were to have flown in for talks': a past 'be to' with a perfect infinitive is a plan that did not come true, and so is an event it governs",
    "appeal_for_event": "'called for talks', 'a call for a summit': the event appealed for is a wish, no event (lexicon)",
    "talk_partner_on_topic": "'discussed trade with X': the partner hung on the topic",
    "talk_partner_deep_in_topic": "'discussed a list of questions about the funding of X with his counterpart Y', 'talked about the ban with Y': the partner hung deep inside the topic's phrase, or a role with the name apposed (lexicon)",
    "hyphen_pair_named_people": "'the Asia-Pacific summit', 'a Euro-Mediterranean forum': hyphened regions are no parties unless a side is a person the text names (lexicon); 'Vice-Chairman of X Ola Dahl' is Ola Dahl, not 'Vice'",
    "meet_a_need_no_meeting": "'meet demand', 'meet its goals', 'meet a deadline': meeting a need or duty is fulfilling it, not a meeting (lexicon)",
    "meet_in_contest_no_meeting": "'could meet Ivo Brell in the quarterfinals', 'may meet again in the semi-finals': players or teams meeting in or on a round of a contest play a match, no meeting (lexicon)",
    "call_not_appeal": "'called for', 'called it', 'so-called' are no calls",
    "phone_contact_partner": "'Ana Tosk's evening call to Ivo Marek', 'talked to X by telephone', 'telephoned X to congratulate her': the one phoned is the call's partner",
    "talks_by_phone_call": "talks by phone are a call",
    "noun_excluded_modifiers": "event nouns whose modifier makes them no meeting (lexicon)",
    "called_off": "'the meeting was postponed': a called-off event is left out",
    "singular_talk_is_lecture": "'a talk' (singular, not by phone) is a lecture",
    "talk_with_a_person_is_talks": "'his talk with X', 'her long talk with X': a singular talk with a named person is talks, not a lecture",
    "remote_noun_is_call": "'a video conference', 'phone talks' are calls",
    "noun_between": "'talks between A and B'",
    "noun_of_parties": "'a meeting of A and B'",
    "organisation_as_side": "'talks with the Front', 'talks between Ann Lutz and the Front': with a person as one side, an organisation named as the other is a party (lexicon)",
    "attended_by_parties": "'the meeting was attended by A and B', 'a forum attended by A', 'hosted by B, the summit opened': those a clause on the event noun says attend, chair or host it are parties (lexicon)",
    "noun_by_parties": "'a visit by X'",
    "arrival_of_traveller": "'the arrival of the delegation in X': the of-phrase of an arrival is the traveller (lexicon)",
    "on_arrival_traveller": "'X said on arrival in Y': the subject of the verb the phrase hangs on arrived (lexicon)",
    "noun_possessor": "'X's visit', 'their talks'",
    "noun_name_compound": "'the Dahl-Berg summit': names before the event noun",
    "place_named_summit_of_no_body": "'the Lakeside Summit of the Forum on Trade': the forum is part of the summit's name, not a party",
    "meeting_of_body": "'the guild opened its spring session', 'the OPEC conference took place in X': a body named before or owning a meeting told as held, with no partner, is who meets (lexicon)",
    "meeting_of_named_body": "'a meeting of the Trade Council held in X', 'the conference of the Grain Board next month': a body in the of-phrase of a meeting told as held or dated is who meets, as one named before it",
    "held_by_raising_verb": "'the OPEC conference is to take place in X', 'the session is expected to be held': a meeting noun subject of a verb whose to-clause is a gathering verb is told as held",
    "body_meeting_with_own_date": "'for next month's OPEC meeting', 'at the OPEC meeting in October': a body's meeting named aside with a date of its own is a told event, when the body is named (lexicon)",
    "summit_of_body": "'the NATO summit': a summit of one body's members",
    "lone_party_aside": "'During the talks, the delegation pressed for ...': one side told at an event named aside is no meeting",
    "group_at_several_events": "'the club's meetings took place in a barn', 'school trips by pupils': an unnamed group alone at a plural of a counted event noun is a habit, no one event (lexicon)",
    "group_at_restated_event": "'two provincial envoys joined the meeting later' after the meeting is told: an unnamed group alone at a definite event of a kind told before is that event, no new one",
    "habit_no_event": "'the council, which meets twice a year', 'meet regularly', 'often travels abroad', 'talks are held regularly': an event verb a frequency modifies tells a custom, no one event (lexicon)",
    "repeated_visits_no_event": "'during her trips to the border villages', 'his visits to the old fort': one traveller's plural visits to one place, undated and uncounted, are a habit, no one visit; visits to several places are a tour's stops (lexicon)",
    "sides_alone_no_party": "'talks between the two sides' with nobody named: no meeting",
    "home_trip_no_visit": "'Ruritanian President X will leave for Ruritania', 'the Ruritanian leader visited the naval academy' under a Ruritanian dateline: a lone traveller's trip inside the country the text marks as his own is a trip home or a tour at home, no visit",
    "leave_here_no_visit": "'is due to leave here after lunch': 'here' on a verb of departure is where the journey starts, no visit to the dateline city (lexicon)",
    "headline_lone_party": "a headline meeting of one party ('Council to meet on X') is no meeting: the text tells it with its parties",
    "holder_of_held_event": "'X held talks with Y': the subject of hold/have/join takes part",
    "addressee_at_event": "'X told Y in a meeting', 'X made a pledge to Y during talks': the one X addresses at an event that names no party is its other side (lexicon)",
    "holder_of_event_phrase": "'after talks with X, Y said': the subject was at the talks",
    "traveller_on_a_visit": "'X, on a week-long visit to Y, told reporters', 'X signed a deal on a trip to Y': the subject of the verb the on-phrase hangs on is the traveller",
    "journey_into_event": "'was heading into a meeting with X', 'going into the session, A and B': the traveller of a journey whose goal is the event takes part in it",
    "journey_for_talks": "'flew to Rome for talks with X': the traveller takes part in the talks",
    "journey_for_gathering": "'X arrived in Oslo for the summit': the traveller attends the gathering of many, a record though no other party is named (lexicon)",
    "speaker_at_group_meeting": "'at the ministers' meeting, X said': X was at the group's meeting",
    "call_between_subjects": "'A and B agreed during a phone conversation': the call is between A and B",
    "visit_several_destinations": "'a visit to A and B': one stop per destination",
    "trip_legs": "'a tour that will take him to A and B', 'earlier stops in A and B': one stop per place, an earlier one behind",
    "n_ary_meetings": "'X met A and B', 'talks with A, B and C': one meeting of all, unless 'separately'",
    "list_member_after_apposition": "'talks with A, secretary of the X party, and President B' with B hung on the verb: B is the list's next member",
    "state_list_parties": "'talks among A, B and C', 'A, B and C held talks' with A, B, C countries or organisations: a list of three or more names the gathering's parties where no person stands (lexicon)",
    "gathering_members_by_clause": "'the talks bring together A, B and C', 'a round of talks involving A, B and C', 'the summit will be attended by A, B and C': the members an event's own clause lists are its parties (lexicon)",
    "as_well_as_list": "'met A as well as B': 'as well as' coordinates parties the parser hangs apart",
    # status
    "past_leg_before_arrival": "'arrived in X after visiting Y': what a traveller did before reaching a stop is an earlier stop (lexicon)",
    "past_long_ago_adverbial": "'last month', 'years ago' on the trigger: reported-past",
    "past_light_verb_time": "'made a trip last week', 'held talks in 2009', 'the summit was held in 2009': the verb's time words date the event noun",
    "past_clause_under_present": "a past verb in a relative or since-clause under a present main clause",
    "past_experiential_perfect": "'has met X twice': a count of earlier meetings",
    "past_last_met": "'last met', 'previously met': background",
    "past_perfect": "'had met': background, unless reported speech shifted back",
    "past_host_long_ago": "'changed course in 1998 after X met Y', 'greeted him in 2001 for his visit': a trigger with no time of its own in a time clause or phrase of a verb dated weeks or years back is as old (lexicon)",
    "past_conjunct_shares_time": "'had toured X and met Y', 'a month ago came to X and met Y': a coordinated verb with no subject or auxiliary of its own takes its first conjunct's perfect and time words",
    "past_cited_in_phrase": "'after a summit last month': an earlier event cited in a phrase",
    "past_earlier_modifier": "'an earlier visit', 'the previous summit': an earlier event (lexicon)",
    "happened_ongoing_modifier": "'his current visit', 'the ongoing summit': an event under way is news, not a plan (lexicon)",
    "date_month_part_hyphen": "'in mid-July', 'early-May': a hyphenated part of a month is read as that month",
    "past_dated_long_before": "a date more than a week, or a year, before publication: background",
    "date_of_another_clause": "'met X, whose ties soured in 1998': a date in a clause that does not hold the trigger dates another event",
    "earlier_same_day_is_news": "'arrived earlier in the day', 'met earlier on Monday': earlier within the news's days is no background (lexicon)",
    "planned_dated_after_publication": "'on May 9' after the publication date: planned",
    "planned_present_schedule": "'X arrives on Friday': a simple present dated after publication is a timetable",
    "planned_purpose_of_journey": "'arrived for talks', 'arrived to meet', 'is here to attend': still ahead",
    "planned_noun_clause": "'a summit to be held', 'talks slated for May 2': the noun's own plan clause",
    "planned_plan_noun": "'the possibility of a meeting', 'an invitation to visit' (lexicon)",
    "planned_subject_of_be_to": "'the talks are to open': planned",
    "planned_headline_infinitive": "headline 'X to meet Y': planned",
    "planned_be_to": "'X is to meet Y': planned",
    "planned_be_to_object": "'X and Y are to hold talks on Friday': the event noun a 'be to' verb governs is planned as the verb is",
    "planned_noun_modifier": "'the upcoming summit', 'planned talks' (lexicon)",
    "planned_plan_word": "'plans to', 'expected to', 'due to', 'set to' (lexicon)",
    "planned_plan_word_infinitive_clause": "'wants X to meet Y' parsed as a clause of its own: the infinitive under a plan word is planned (lexicon)",
    "planned_modal": "'will meet', 'is going to meet'",
    "planned_present_in_time_clause": "'days before the board meets', 'after the premier ends his visit': a bare present in a before/after/until/once/when clause is a coming event (lexicon)",
    "planned_ahead_of": "'ahead of the summit': still to come",
    "happened_before_gerund_of_past": "'thanked the crew before starting talks': an event the gerund of a before-phrase on a simple past does, with no date of its own and no plan word or modal above, is the next step of the narrated past, held",
    "planned_future_time_words": "'tomorrow', 'next week' on the trigger, or in the sentence of a present verb: planned",
    "planned_later_same_day": "'are holding a session later Thursday', 'meets later in the day': later on the news's day, not in the simple past: planned",
    "planned_on_the_eve_of": "'said on the eve of the summit': the event the eve is of is still ahead (lexicon)",
    "planned_conditional": "'would back the plan if she paid a visit to Oslo', 'visits Lima if the truce holds': an event told as a condition, or in the bare present under one, is a possibility ahead (lexicon)",
    "past_meeting_days_before": "'met the envoys on Saturday' in a Wednesday story: a meeting, talks or a call dated two days or more before the news's day (the lead's, else the publication's) is background; a visit is the stay the news happens on",
    "occasion_of_a_commitment": "'agreed to pool their data at a meeting of A and B': an event the commitment was made at is its occasion, not part of the plan; told in the simple past, it took place (lexicon)",
    "possessed_visit_restates": "'he will use a borrowed car during his visit', 'a briefing on Dahl's visit': a possessed visit noun after a preposition, with no date or modifier of its own, takes the status of the visit the text first told, not its clause's tense or modal (lexicon)",
    "descriptive_present_restates": "'the upcoming summit ... The summit brings together A, B and C': a definite event noun as subject of a simple present with no date describes the event and dates nothing; where the text first told an event of that kind as planned by its own words, it is planned",
    "date_of_nested_event": "'a call on Friday about the agenda of the summit set for May 9': a date inside another event noun's phrase dates that event, not the trigger",
    # location
    "location_here_dateline": "'here' is the dateline city",
    "location_noun_modifier": "'the Lima summit'",
    "location_venue_verb": "'the talks are held in Muscat'",
    "location_in_participant_phrase": "'officials in Tbilisi': the participant's place",
    "location_during_visit": "'met X during a trip to Tunis': the trip's destination",
    "location_governing_clause": "'In Tokyo, X will meet Y': the place of the governing clause",
    "location_where_clause": "'..., where X met Y': the place before 'where'",
    "location_trigger_phrase": "'met in Oslo', 'a visit to Rome': the trigger's own place phrase",
    "location_venue_participle": "'talks held in Muscat', 'a summit which will take place in Lima'",
    "location_host_event": "'met X at (on the sidelines of) the summit in Cairns': the gathering's place",
    "location_raised_gathering": "'the forum is to take place in Bergen', 'the session is expected to be held in Bergen': the to-clause's place is the gathering's",
    "location_conjunct_scope": "'held talks at X and met Y': a place after the first of two verbs is not the second's",
    "location_visit_stay": "a meeting with no stated place is where a party's visit of that time is",
    "location_dateline_local_host": "a meeting that happened with no stated place, with a party the text marks as of the dateline city's country ('Chilean President X' under a Santiago dateline), is in the dateline city (lexicon)",
    "location_country_anaphor": "'a visit to the Alpine country': the country the text named last, in this or the two sentences before (lexicon)",
    "location_visiting_title_name": "', visiting Chilean Minister X said' with 'visiting' parsed as a clause of its own: the titled name after it is the visitor",
    "location_restated_gathering": "'at the meeting on Monday' after 'a meeting in Lima': a definite gathering takes the one place the text gives that word's gathering",
    "location_restated_by_body_name": "'on the sidelines of the NTC forum' after 'the NTC leaders' meeting in Vardo': a gathering named by a body's short name takes the one place the text gives a gathering of that name, whatever its noun",
    "planned_gathering_not_held_one": "'next weekend's council meeting' after 'the committee's weekly meeting held in X': a planned gathering dated ahead does not take the place of one told as held (lexicon)",
    "location_stay_dateline_city": "a meeting that took place on a visit to the dateline city's country is in the dateline city",
    "location_dateline_present": "a meeting or visit with no stated place, by a party the text puts 'here' ('said here', 'the envoy in <city>', 'visiting X'), is in the dateline city",
    "location_short_country": "'the North' is the one 'North <X>' country the text names",
    "location_kind_of_name": "'the port city of Gdansk', 'the resort of Agadir': the name after 'of' is the place (lexicon)",
    "location_here_phrase_verb": "'said in an interview here', 'is on a visit here': the parties of the verb the phrase hangs on are here",
    "location_place_particles": "'del Mar' tagged for 'Vina del Mar': a place name is grown over its lower-case particles (lexicon)",
    "location_site_by_name": "'the shrine, the Ninefold Temple' is the named site; 'visited a factory in <city>' is in the city",
    "location_national_capital": "'in the Danish capital': a capital marked with its country is a place, told as stated (lexicon)",
    "national_capital_city": "'in the Italian capital' with no name of its own: the country's capital city (gazetteer), when the text names that city too",
    "location_stay_phrase": "'During her stay in Bergen, X saw Y', 'on arrival in Oslo, X met Y': the stay's place is the clause's (lexicon)",
    "location_stated_presence": "a meeting with no stated place is where the text puts a party then: 'X said on arrival in Oslo', 'X, currently visiting Oslo,', 'X, who is in Oslo'",
    "location_not_organisation": "'the Nordic Water Cooperation forum' tagged a place: a name ending in an organisation's word is no place (lexicon)",
    "location_restated_kin": "'the talks' after 'discussions in X', 'the meeting' after 'the gathering in X': a gathering restated by a kindred word (lexicon)",
    "motion_to_named_capital": "'arrived in the Danish capital Nordby', 'flew to the capital of Nordby': the city named with the place noun is the destination",
    "location_journey_after_event": "'returned to Oslo after a visit', 'arrived in Oslo after a summit': a journey made after the event does not place it (lexicon)",
    "location_restated_dateline_first": "'the meeting' when the text places its meetings both in the dateline city and elsewhere: the one the story is filed from",
    "location_city_names_gathering": "'the Lima Summit' tagged as one name: a well-known city opening a gathering's name is its place",
    "location_proper_event_noun": "'the Lakeside Summit, which opened in Tallinn': a gathering's proper name is placed by its venue clause as a common event noun is",
    "location_place_tagged_person": "'a visit to Oslo' with Oslo tagged a person: a one-word known place after in/to/at is a place",
    "place_site_nouns": "site nouns ('palace', 'residence') are places (lexicon)",
    "location_capital_compound_name": "'in the Danish capital Nordby' parsed with 'capital' a modifier of the name: the name is the city (lexicon)",
    "location_that_country": "'will hold talks in that country': 'that' points back to the country named before, as 'the' does",
    "location_anaphor_not_nationality": "'US Senator X will tour the country': a country naming a person's side ('US Senator X', 'Chile's envoy X') is not the one 'the country' refers back to",
    "location_of_the_name_runs_on": "'the Republic of the | Lakes' cut by the tagger after 'of the': a place name never ends so, and runs on over the name after it",
    "location_place_without_weekday": "'in Bergen Sunday' tagged as one place: a weekday glued to a place name is no part of it",
    "location_host_by_organisation": "'X, head of the Communist Party of Ruritania, met Y' under a dateline in Ruritania: a country closing an apposed organisation's name after 'of' marks X as a host, as 'Ruritanian' does",
    "location_host_by_title": "'Vice-Chairman of Ruritania's Defence Board Ivo Marek', 'Ruritanian Vice Premier Lin Dao' with the name untagged: the whole title before a name the people index knows marks a host of the dateline's country",
    "location_possessed_place": "'visited east Ruritania's Vesk Province', 'a visit to Ruritania's Tarn region': a place a named place owns is the place told, not its owner (lexicon)",
    # merging
    "headline_roles_restate_body": "a headline event with a party named only by role restates the body's event",
    "pronoun_speaker_shared": "'..., he said after talks with X': a he/she that speaks is the person the quote layer found speaking, for meetings too",
    "visit_city_in_country": "a visit told by country and by one city in it is placed at both, 'Aqaba, Jordan'",
    "merge_country_and_city_visit": "a visit told by country and by a city in it is one visit, unless 'also' makes the city a further one",
    "merge_one_traveller_two_stops": "one traveller in two places: two stops, not one",
    "surname_without_particle": "'Rafiq al-Hakim' and 'Hakim' are one party when events merge: a particle hyphened to a surname is dropped (lexicon)",
    "restated_event_joins": "'A met B on Monday. The meeting between A and B was ...', 'During the meeting, A and B are to discuss ...': a definite event noun of no date of its own, with the parties of an event told before, is that event, even where its tense reads otherwise (lexicon)",
    "body_not_its_members": "'the EU summit' and 'a meeting of EU foreign ministers': a body's event and another kind of event of its members are two",
}

TRIGGER_PREFIX = "trigger:"


def trigger_rule(word: str) -> str:
    """The rule name of one trigger word ("meet" → "trigger:meet")."""
    return TRIGGER_PREFIX + word


def trigger_rules() -> list[str]:
    """One rule per trigger word of triggers.toml (a verb and a noun of one word share it)."""
    return sorted({trigger_rule(t.name) for t in triggers()})


@lru_cache(maxsize=1)
def all_rules() -> tuple[str, ...]:
    """Every switchable meeting rule: the named rules, then the trigger words."""
    return (*MEETING_RULES, *trigger_rules())


_OFF: ContextVar[frozenset[str]] = ContextVar("meeting_rules_off", default=frozenset())
# The rules asked about inside a `rules_asked` block; None (the everyday case) records nothing.
_ASKED: ContextVar[set[str] | None] = ContextVar("meeting_rules_asked", default=None)


def rule_on(name: str) -> bool:
    """Whether a meeting rule is in use (all are, unless switched off for an ablation)."""
    asked = _ASKED.get()
    if asked is not None:
        asked.add(name)
    off = _OFF.get()
    return not off or name not in off


@contextmanager
def rules_asked() -> Iterator[set[str]]:
    """Record every rule asked about inside the block: only those can change its outcome, so
    measuring a rule's reach need not switch off the ones a text never asks about.
    """
    asked: set[str] = set()
    token = _ASKED.set(asked)
    try:
        yield asked
    finally:
        _ASKED.reset(token)


@contextmanager
def rules_off(names: frozenset[str]) -> Iterator[None]:
    """Leave the named rules out inside the block; an unknown name is an error, not a no-op."""
    if not names:  # the everyday case: every rule on, nothing to set
        yield
        return
    unknown = set(names) - set(all_rules())
    if unknown:
        raise ValueError(f"unknown meeting rules: {', '.join(sorted(unknown))}")
    token = _OFF.set(frozenset(names) | _OFF.get())
    try:
        yield
    finally:
        _OFF.reset(token)
