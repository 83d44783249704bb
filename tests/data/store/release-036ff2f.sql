BEGIN TRANSACTION;
CREATE TABLE actors (
	article_id VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	code VARCHAR, 
	sector VARCHAR, 
	kind VARCHAR NOT NULL, 
	record TEXT NOT NULL, 
	CONSTRAINT pk_actors PRIMARY KEY (article_id, ordinal), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "actors" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',0,0,6,'Gondor','GON','GOV','country','{"text":"Gondor","span":[0,6],"code":"GON","sector":"GOV","role":null,"wikidata":null,"refers_to":null,"kind":"country","patron":null,"former":false}');
INSERT INTO "actors" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',1,26,31,'Arnor','ARN','GOV','country','{"text":"Arnor","span":[26,31],"code":"ARN","sector":"GOV","role":null,"wikidata":null,"refers_to":null,"kind":"country","patron":null,"former":false}');
INSERT INTO "actors" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',2,134,142,'The Orcs','MOR','REB','group','{"text":"The Orcs","span":[134,142],"code":"MOR","sector":"REB","role":null,"wikidata":null,"refers_to":null,"kind":"group","patron":null,"former":false}');
CREATE TABLE articles (
	id VARCHAR NOT NULL, 
	source TEXT, 
	published DATE, 
	title TEXT, 
	url TEXT, 
	origin TEXT, 
	text TEXT NOT NULL, 
	warnings TEXT NOT NULL, 
	ingested_at VARCHAR NOT NULL, 
	run_id VARCHAR, 
	PRIMARY KEY (id)
);
INSERT INTO "articles" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d','Fictional Wire','2021-07-26','Gondor sends troops',NULL,'release/story.txt','Gondor sent 300 troops to Arnor on Monday, officials in Minas Tirith said. "We will defend Arnor," the king of Gondor told reporters. The Orcs attacked Arnor.','[]','2026-11-24T20:30:50+00:00','b7c82eaac31f4f14a7f02f8e66a40a6a');
INSERT INTO "articles" VALUES('sha256:b6d1c7567ea94a84b3d04bfe96924bb085a82f64b8f0e98904cf566a62686695',NULL,NULL,NULL,NULL,'release/quiet.txt','Nothing happened today.','[]','2026-11-24T20:30:50+00:00','b7c82eaac31f4f14a7f02f8e66a40a6a');
CREATE TABLE event_actors (
	event_id VARCHAR NOT NULL, 
	role VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	article_id VARCHAR NOT NULL, 
	code VARCHAR, 
	sector VARCHAR, 
	PRIMARY KEY (event_id, role, ordinal), 
	FOREIGN KEY(event_id) REFERENCES events (id) ON DELETE CASCADE, 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "event_actors" VALUES('sha256:e23554aa4c4f8f65ea81b06a0150da46','actor',0,'sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d','GON','GOV');
INSERT INTO "event_actors" VALUES('sha256:e23554aa4c4f8f65ea81b06a0150da46','recipient',0,'sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d','ARN','GOV');
INSERT INTO "event_actors" VALUES('sha256:4446258395c692a6406e1b91c742d679','actor',0,'sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d','MOR','REB');
INSERT INTO "event_actors" VALUES('sha256:4446258395c692a6406e1b91c742d679','recipient',0,'sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d','ARN','GOV');
CREATE TABLE events (
	id VARCHAR NOT NULL, 
	article_id VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	event VARCHAR NOT NULL, 
	mode VARCHAR, 
	quad_code INTEGER, 
	score FLOAT, 
	date VARCHAR, 
	date_precision VARCHAR NOT NULL, 
	enddate VARCHAR, 
	date_lo DATE, 
	date_hi DATE, 
	cameo_root VARCHAR, 
	sentence INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	confidence FLOAT NOT NULL, 
	rule TEXT NOT NULL, 
	actor_code VARCHAR, 
	actor_sector VARCHAR, 
	recipient_code VARCHAR, 
	recipient_sector VARCHAR, 
	record TEXT NOT NULL, 
	PRIMARY KEY (id), 
	CONSTRAINT uq_events_article_ordinal UNIQUE (article_id, ordinal), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "events" VALUES('sha256:e23554aa4c4f8f65ea81b06a0150da46','sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',0,'AID',NULL,2,7.0,'2021-07-26','day',NULL,'2021-07-26','2021-07-26','07',0,7,22,0.8,'verb:send','GON','GOV','ARN','GOV','{"id":"sha256:e23554aa4c4f8f65ea81b06a0150da46","event":"AID","span":[7,22],"event_text":"sent 300 troops","sentence":0,"rule":"verb:send","confidence":0.8,"mode":null,"context":[],"actor":[{"text":"Gondor","span":[0,6],"code":"GON","sector":"GOV","role":null,"wikidata":null,"refers_to":null,"kind":"country","patron":null,"former":false}],"recipient":[{"text":"Arnor","span":[26,31],"code":"ARN","sector":"GOV","role":null,"wikidata":null,"refers_to":null,"kind":"country","patron":null,"former":false}],"date":"2021-07-26","date_precision":"day","enddate":null,"date_text":null,"event_loc":{"text":"Minas Tirith","span":[56,68],"name":"Minas Tirith","geonameid":1,"lat":44.5,"lon":-3.25,"country":"GON","feature":"city","use":"location"},"aux":[],"quad_code":2,"score":7.0,"cameo_root":"07","source_quote":null}');
INSERT INTO "events" VALUES('sha256:4446258395c692a6406e1b91c742d679','sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',1,'ASSAULT',NULL,4,-9.0,NULL,'unknown',NULL,NULL,NULL,NULL,2,143,151,0.9,'verb:attack','MOR','REB','ARN','GOV','{"id":"sha256:4446258395c692a6406e1b91c742d679","event":"ASSAULT","span":[143,151],"event_text":"attacked","sentence":2,"rule":"verb:attack","confidence":0.9,"mode":null,"context":["military"],"actor":[{"text":"The Orcs","span":[134,142],"code":"MOR","sector":"REB","role":null,"wikidata":null,"refers_to":null,"kind":"group","patron":null,"former":false}],"recipient":[{"text":"Arnor","span":[26,31],"code":"ARN","sector":"GOV","role":null,"wikidata":null,"refers_to":null,"kind":"country","patron":null,"former":false}],"date":null,"date_precision":"unknown","enddate":null,"date_text":null,"event_loc":null,"aux":[],"quad_code":4,"score":-9.0,"cameo_root":null,"source_quote":null}');
CREATE TABLE places (
	article_id VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	text TEXT NOT NULL, 
	geonameid BIGINT, 
	country VARCHAR, 
	use VARCHAR NOT NULL, 
	record TEXT NOT NULL, 
	CONSTRAINT pk_places PRIMARY KEY (article_id, ordinal), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "places" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',0,56,68,'Minas Tirith',1,'GON','location','{"text":"Minas Tirith","span":[56,68],"name":"Minas Tirith","geonameid":1,"lat":44.5,"lon":-3.25,"country":"GON","feature":"city","use":"location"}');
CREATE TABLE quantities (
	article_id VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	value FLOAT NOT NULL, 
	unit TEXT, 
	record TEXT NOT NULL, 
	CONSTRAINT pk_quantities PRIMARY KEY (article_id, ordinal), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "quantities" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',0,12,15,300.0,'troops','{"value":300.0,"text":"300","span":[12,15],"unit":"troops","of":"troops","approx":null,"upper":null}');
CREATE TABLE quotes (
	article_id VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	speaker_code VARCHAR, 
	cue TEXT, 
	direct BOOLEAN NOT NULL, 
	record TEXT NOT NULL, 
	CONSTRAINT pk_quotes PRIMARY KEY (article_id, ordinal), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "quotes" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',0,76,90,'GON','told',1,'{"speaker":{"text":"Gondor","span":[0,6],"code":"GON","sector":"GOV","role":null,"wikidata":null,"refers_to":null,"kind":"country","patron":null,"former":false},"cue":"told","cue_span":[118,122],"content":"We will defend Arnor","span":[76,90],"direct":true,"anonymous":false,"medium":null}');
CREATE TABLE rejects (
	id VARCHAR NOT NULL, 
	origin TEXT NOT NULL, 
	reason VARCHAR NOT NULL, 
	detail TEXT NOT NULL, 
	run_id VARCHAR, 
	PRIMARY KEY (id)
);
INSERT INTO "rejects" VALUES('sha256:11e41661fee06729e9d5e2a8a55d6b59fad654bfa22955d5777ecd1e197dfd59','release/image.png','binary','not text','b7c82eaac31f4f14a7f02f8e66a40a6a');
CREATE TABLE runs (
	id VARCHAR NOT NULL, 
	started VARCHAR NOT NULL, 
	finished VARCHAR, 
	command TEXT NOT NULL, 
	counts TEXT, 
	PRIMARY KEY (id)
);
INSERT INTO "runs" VALUES('b7c82eaac31f4f14a7f02f8e66a40a6a','2026-11-24T20:30:50+00:00','2026-11-24T20:30:50+00:00','ingest release/','{"inserted":2,"unchanged":0,"rejected":1,"events":2}');
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	description TEXT NOT NULL, 
	applied_at VARCHAR NOT NULL, 
	PRIMARY KEY (version)
);
INSERT INTO "schema_version" VALUES(1,'initial schema: articles, events, records, rejects, runs','2026-11-24T20:30:50+00:00');
CREATE TABLE times (
	article_id VARCHAR NOT NULL, 
	ordinal INTEGER NOT NULL, 
	span_start INTEGER NOT NULL, 
	span_end INTEGER NOT NULL, 
	value VARCHAR, 
	precision VARCHAR NOT NULL, 
	type VARCHAR NOT NULL, 
	record TEXT NOT NULL, 
	CONSTRAINT pk_times PRIMARY KEY (article_id, ordinal), 
	FOREIGN KEY(article_id) REFERENCES articles (id) ON DELETE CASCADE
);
INSERT INTO "times" VALUES('sha256:315f5dacbb5a0eb6bba8babf7c0354e82d82b8b1d20ac9a304f713bdd6e1006d',0,35,41,'2021-07-26','day','DATE','{"text":"Monday","span":[35,41],"value":"2021-07-26","precision":"day","type":"DATE","role":"point","note":null}');
CREATE INDEX ix_articles_published ON articles (published);
CREATE INDEX ix_events_dyad ON events (actor_code, recipient_code);
CREATE INDEX ix_events_article ON events (article_id);
CREATE INDEX ix_events_date_lo ON events (date_lo);
CREATE INDEX ix_events_event ON events (event);
CREATE INDEX ix_events_date ON events (date);
CREATE INDEX ix_actors_code ON actors (code);
CREATE INDEX ix_places_geonameid ON places (geonameid);
CREATE INDEX ix_event_actors_code ON event_actors (code, role);
CREATE INDEX ix_event_actors_article ON event_actors (article_id);
COMMIT;
