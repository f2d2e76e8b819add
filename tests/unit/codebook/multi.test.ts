import { test } from 'node:test';
import assert from 'node:assert/strict';
import { caseVariantShare, guessJoinedMulti, splitCell } from '../../../src/codebook/multi.js';

const EMAIL = 'Email, SMS or phone calls';
const ATOMS = new Set(['Signal', 'Telegram', 'WhatsApp', EMAIL]);

/** Counts from cell values, each listed as often as it occurs. */
function counts(...cells: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const c of cells) m.set(c, (m.get(c) ?? 0) + 1);
  return m;
}

test('splitCell: a cell is split into known options, never blindly at every comma', () => {
  assert.deepEqual(splitCell('Signal, Telegram', ', ', ATOMS), { parts: ['Signal', 'Telegram'], partial: false, unknown: [] });
  assert.deepEqual(splitCell(EMAIL, ', ', ATOMS), { parts: [EMAIL], partial: false, unknown: [] });
  assert.deepEqual(splitCell(`Signal, ${EMAIL}`, ', ', ATOMS), { parts: ['Signal', EMAIL], partial: false, unknown: [] });
  assert.deepEqual(splitCell(`${EMAIL}, WhatsApp`, ', ', ATOMS), { parts: [EMAIL, 'WhatsApp'], partial: false, unknown: [] });
  assert.deepEqual(splitCell(`Telegram, ${EMAIL}, WhatsApp`, ', ', ATOMS), { parts: ['Telegram', EMAIL, 'WhatsApp'], partial: false, unknown: [] });
  assert.deepEqual(splitCell('WhatsApp', ', ', ATOMS), { parts: ['WhatsApp'], partial: false, unknown: [] });
});

test('splitCell: text that is not an option is kept whole, commas and all, and reported', () => {
  // Google Forms' "Other:" answers are free text beside the ticked options.
  assert.deepEqual(splitCell('Signal, Viber, Line, and Threema', ', ', ATOMS), {
    parts: ['Signal', 'Viber, Line, and Threema'],
    partial: true,
    unknown: ['Viber, Line, and Threema'],
  });
  assert.deepEqual(splitCell('Viber', ', ', ATOMS), { parts: ['Viber'], partial: true, unknown: ['Viber'] });
  assert.deepEqual(splitCell('Viber, Signal, Line', ', ', ATOMS), { parts: ['Viber', 'Signal', 'Line'], partial: true, unknown: ['Viber', 'Line'] });
});

test('splitCell: an option twice in one cell counts once', () => {
  assert.deepEqual(splitCell('Signal, Signal', ', ', ATOMS).parts, ['Signal']);
  assert.deepEqual(splitCell('Netflix;Netflix;Hulu', ';', new Set()).parts, ['Netflix', 'Hulu']);
});

test('splitCell: ";" splits at every ";", trimming and dropping empty parts', () => {
  assert.deepEqual(splitCell('Netflix; Disney+ ;;Spotify;', ';', new Set()), { parts: ['Netflix', 'Disney+', 'Spotify'], partial: false, unknown: [] });
});

test('splitCell: a bare "," (Qualtrics) with an option that has ", " in it', () => {
  const atoms = new Set(['Dark mode', 'Notifications', 'Email, SMS']);
  assert.deepEqual(splitCell('Notifications,Dark mode', ',', atoms).parts, ['Notifications', 'Dark mode']);
  assert.deepEqual(splitCell('Email, SMS,Dark mode', ',', atoms), { parts: ['Email, SMS', 'Dark mode'], partial: false, unknown: [] });
});

test('guessJoinedMulti: Google Forms checkboxes with an option containing ", " that is also chosen alone', () => {
  const guess = guessJoinedMulti(counts('Signal, Telegram', 'WhatsApp', EMAIL, `Signal, ${EMAIL}`, 'Telegram, WhatsApp', `WhatsApp, ${EMAIL}`, 'Signal', 'Signal, Telegram, WhatsApp', EMAIL, 'WhatsApp', 'Telegram', 'Signal, WhatsApp', `WhatsApp, ${EMAIL}`));
  assert.ok(guess);
  assert.equal(guess.joiner, ', ');
  assert.deepEqual([...guess.atoms].sort(), [EMAIL, 'Signal', 'Telegram', 'WhatsApp']);
});

test('guessJoinedMulti: an option with a comma that is never chosen alone is learned from its neighbours', () => {
  const F = 'My friends, family or colleagues switch';
  const guess = guessJoinedMulti(counts('Lower price', 'Better privacy', 'Lower price, Better privacy', `Better privacy, ${F}`, `Lower price, ${F}`, 'Better privacy', `Lower price, Better privacy, ${F}`, 'Lower price', 'Better privacy', `Better privacy, ${F}`, 'Lower price, Better privacy'));
  assert.ok(guess);
  assert.deepEqual([...guess.atoms].sort(), ['Better privacy', 'Lower price', F]);
});

test('guessJoinedMulti: ";"-joined and bare-","-joined cells', () => {
  const semi = guessJoinedMulti(counts('Netflix;Spotify', 'Netflix', 'Spotify;Disney+', 'Netflix;Disney+;Spotify', 'Disney+', 'Spotify', 'Netflix;Spotify', 'Netflix;Disney+', 'Spotify', 'Netflix', 'Netflix;Disney+;Spotify'));
  assert.deepEqual(semi && { joiner: semi.joiner, atoms: [...semi.atoms].sort() }, { joiner: ';', atoms: ['Disney+', 'Netflix', 'Spotify'] });
  const bare = guessJoinedMulti(counts('Notifications,Dark mode', 'Dark mode', 'Notifications,Dark mode,Offline sync', 'Notifications', 'Widgets', 'Dark mode,Widgets', 'Notifications', 'Offline sync,Widgets', 'Notifications,Offline sync', 'Dark mode', 'Widgets', 'Notifications,Dark mode,Widgets'));
  assert.deepEqual(bare && { joiner: bare.joiner, atoms: [...bare.atoms].sort() }, { joiner: ',', atoms: ['Dark mode', 'Notifications', 'Offline sync', 'Widgets'] });
});

test('guessJoinedMulti: single choices that contain commas are not multi-selects', () => {
  assert.equal(guessJoinedMulti(counts(...Array(6).fill('Not good, but I can live with it'), ...Array(5).fill('A serious breach of my privacy'), 'Yes, definitely', 'Yes, definitely', 'No')), null);
  // Even when the comma answers are the majority: no cell combines two answers seen on their own.
  assert.equal(guessJoinedMulti(counts('Yes, always', 'Yes, always', 'No, never', 'No, never', 'Sometimes', 'Sometimes')), null);
});

test('guessJoinedMulti: prose with commas is not a multi-select', () => {
  assert.equal(
    guessJoinedMulti(counts('Please, keep it simple.', 'Too many ads, popups, and banners', 'Privacy first, always', 'Good app', 'Nothing', 'Fine by me', 'Will switch soon', 'No comment', 'Okay', 'Why change it now?', 'I am worried, really')),
    null,
  );
  // Numbers with thousands separators are not "1" and "250" ticked together.
  assert.equal(guessJoinedMulti(counts('1,250', '2,100', '980', '1,100', '450', '3,000', '800')), null);
  assert.equal(guessJoinedMulti(new Map()), null);
});

/** A typed "city or state" column: "City, State" answers, recurring, in varying case. */
const CITIES = new Map([
  ['Mumbai', 40],
  ['mumbai', 6],
  ['MUMBAI', 3],
  ['Pune', 30],
  ['pune', 5],
  ['Delhi', 30],
  ['delhi', 4],
  ['Maharashtra', 6],
  ['Kerala', 6],
  ['Mumbai, Maharashtra', 12],
  ['Pune, Maharashtra', 10],
  ['Kochi, Kerala', 4],
  ['Chennai', 20],
  ['Kolkata', 20],
]);

test('guessJoinedMulti: typed "City, State" answers are not a multi-select', () => {
  assert.equal(guessJoinedMulti(CITIES), null);
  // The same cells without the case variants would pass as options: the variants decide.
  const ticked = new Map([...CITIES].filter(([v]) => v[0] === v[0]!.toUpperCase() && v !== v.toUpperCase()));
  assert.ok(guessJoinedMulti(ticked));
});

test('guessJoinedMulti: a few "Other" answers typed in two cases do not spoil a checkbox list', () => {
  const guess = guessJoinedMulti(counts(...Array(10).fill('Signal, Telegram'), ...Array(10).fill('Signal'), ...Array(10).fill('Telegram'), 'Signal, viber', 'Viber'));
  assert.ok(guess);
  assert.equal(guess.joiner, ', ');
});

test('caseVariantShare: the share of answers also typed in another case', () => {
  assert.equal(caseVariantShare(new Map()), 0);
  assert.equal(caseVariantShare(counts('Yes', 'No', 'Yes')), 0);
  assert.equal(caseVariantShare(counts('Pune', 'pune', 'Delhi', 'Delhi')), 0.5);
  assert.equal(caseVariantShare(new Map([['Pune', 3], ['PUNE', 1], ['Delhi', 4], ['Kochi', 2]])), 0.4);
});
