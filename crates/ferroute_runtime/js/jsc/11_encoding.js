// 11_encoding.js — the WHATWG Encoding Standard's TextEncoder and TextDecoder, and HTML's
// atob/btoa (forgiving-base64), for the JSC engine (on QuickJS they come from llrt).
//
// Sits on 10_dom_exception.js (atob/btoa throw DOMException InvalidCharacterError) and on two
// optional natives: `internal.native.encodeUtf8(string) → Uint8Array` (UTF-8, unpaired
// surrogates as U+FFFD) and `internal.native.decodeUtf8(bytes: Uint8Array, fatal, ignoreBOM)
// → string` (the spec's UTF-8 decode of complete input; a TypeError when `fatal` and the bytes
// are invalid). Without them the same algorithms run here in JavaScript.
//
// TextDecoder knows every label of the standard. It decodes UTF-8, UTF-16LE, UTF-16BE,
// x-user-defined and the single-byte encodings (windows-1250..1258, the iso-8859 family,
// koi8, ibm866, macintosh, x-mac-cyrillic, windows-874) here; the multi-byte legacy encodings
// (gbk, gb18030, big5, euc-jp, iso-2022-jp, shift_jis, euc-kr) through the natives
// `textEncoding`/`textDecoderOpen`/`textDecode` (src/text_decode.rs, encoding_rs), whose
// indexes are too large to carry here. The "replacement" encoding is refused with a
// RangeError, as the standard refuses it.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = (internal && internal.native) || {};
  const nativeEncode = typeof native.encodeUtf8 === 'function' ? native.encodeUtf8 : undefined;
  const nativeDecode = typeof native.decodeUtf8 === 'function' ? native.decodeUtf8 : undefined;
  // Below this many code units or bytes, JavaScript is quicker than a call into Rust (about
  // 0.3 µs a call on JSC); both give the same result.
  const NATIVE_MIN = 64;

  const toDOMString = (value) => {
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return `${value}`;
  };
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayName = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const isUint8Array = (value) => Reflect.apply(typedArrayName, value, []) === 'Uint8Array';

  // ------------------------------------------------------------------ labels
  // Encoding name → its labels, as the standard's table lists them.
  const LABELS = {
    'utf-8': 'unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8',
    'ibm866': '866 cp866 csibm866 ibm866',
    'iso-8859-2': 'csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2',
    'iso-8859-3': 'csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3',
    'iso-8859-4': 'csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4',
    'iso-8859-5': 'csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 iso_8859-5:1988',
    'iso-8859-6': 'arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987',
    'iso-8859-7': 'csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 iso_8859-7 iso_8859-7:1987 sun_eu_greek',
    'iso-8859-8': 'csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 iso_8859-8 iso_8859-8:1988 visual',
    'iso-8859-8-i': 'csiso88598i iso-8859-8-i logical',
    'iso-8859-10': 'csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6',
    'iso-8859-13': 'iso-8859-13 iso8859-13 iso885913',
    'iso-8859-14': 'iso-8859-14 iso8859-14 iso885914',
    'iso-8859-15': 'csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9',
    'iso-8859-16': 'iso-8859-16',
    'koi8-r': 'cskoi8r koi koi8 koi8-r koi8_r',
    'koi8-u': 'koi8-ru koi8-u',
    'macintosh': 'csmacintosh mac macintosh x-mac-roman',
    'windows-874': 'dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874',
    'windows-1250': 'cp1250 windows-1250 x-cp1250',
    'windows-1251': 'cp1251 windows-1251 x-cp1251',
    'windows-1252': 'ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252',
    'windows-1253': 'cp1253 windows-1253 x-cp1253',
    'windows-1254': 'cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 latin5 windows-1254 x-cp1254',
    'windows-1255': 'cp1255 windows-1255 x-cp1255',
    'windows-1256': 'cp1256 windows-1256 x-cp1256',
    'windows-1257': 'cp1257 windows-1257 x-cp1257',
    'windows-1258': 'cp1258 windows-1258 x-cp1258',
    'x-mac-cyrillic': 'x-mac-cyrillic x-mac-ukrainian',
    'utf-16be': 'unicodefffe utf-16be',
    'utf-16le': 'csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le',
    'x-user-defined': 'x-user-defined',
  };
  const ENCODINGS = new Map();
  for (const [name, labels] of Object.entries(LABELS)) {
    for (const label of labels.split(' ')) ENCODINGS.set(label, name);
  }

  /** The encoding's name for `label` (trimmed, ASCII case-insensitive), or throws RangeError. */
  function encodingOf(label) {
    const key = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '').replace(/[A-Z]+/g, (s) => s.toLowerCase());
    const name = ENCODINGS.get(key);
    if (name !== undefined) return name;
    // The multi-byte legacy encodings (gbk, shift_jis, ...): their labels and decoders are
    // Rust's (src/text_decode.rs).
    const other = typeof native.textEncoding === 'function' ? native.textEncoding(key) : undefined;
    if (other !== undefined) return other;
    const err = new RangeError(`The "${label}" encoding is not supported`);
    err.code = 'ERR_ENCODING_NOT_SUPPORTED';
    throw err;
  }

  // ------------------------------------------------------------------ single-byte indexes
  // Code points of bytes 0x80..0xFF (bytes below 0x80 are ASCII); U+FFFD marks an unmapped byte.
  let C1 = '';
  for (let i = 0x80; i < 0xa0; i++) C1 += String.fromCharCode(i);
  const SINGLE_BYTE = {
    'ibm866': 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмноп░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀рстуфхцчшщъыьэюяЁёЄєЇїЎў°∙·√№¤■\u00A0',
    'iso-8859-2': C1 + '\u00A0Ą˘Ł¤ĽŚ§¨ŠŞŤŹ\u00ADŽŻ°ą˛ł´ľśˇ¸šşťź˝žżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙',
    'iso-8859-3': C1 + '\u00A0Ħ˘£¤\uFFFDĤ§¨İŞĞĴ\u00AD\uFFFDŻ°ħ²³´µĥ·¸ışğĵ½\uFFFDżÀÁÂ\uFFFDÄĊĈÇÈÉÊËÌÍÎÏ\uFFFDÑÒÓÔĠÖ×ĜÙÚÛÜŬŜßàáâ\uFFFDäċĉçèéêëìíîï\uFFFDñòóôġö÷ĝùúûüŭŝ˙',
    'iso-8859-4': C1 + '\u00A0ĄĸŖ¤ĨĻ§¨ŠĒĢŦ\u00ADŽ¯°ą˛ŗ´ĩļˇ¸šēģŧŊžŋĀÁÂÃÄÅÆĮČÉĘËĖÍÎĪĐŅŌĶÔÕÖ×ØŲÚÛÜŨŪßāáâãäåæįčéęëėíîīđņōķôõö÷øųúûüũū˙',
    'iso-8859-5': C1 + '\u00A0ЁЂЃЄЅІЇЈЉЊЋЌ\u00ADЎЏАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя№ёђѓєѕіїјљњћќ§ўџ',
    'iso-8859-6': C1 + '\u00A0\uFFFD\uFFFD\uFFFD¤\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD،\u00AD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD؛\uFFFD\uFFFD\uFFFD؟\uFFFD\u0621\u0622\u0623\u0624\u0625\u0626\u0627\u0628\u0629\u062A\u062B\u062C\u062D\u062E\u062F\u0630\u0631\u0632\u0633\u0634\u0635\u0636\u0637\u0638\u0639\u063A\uFFFD\uFFFD\uFFFD\uFFFD\uFFFDـ\u0641\u0642\u0643\u0644\u0645\u0646\u0647\u0648\u0649\u064A\u064B\u064C\u064D\u064E\u064F\u0650\u0651\u0652\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD',
    'iso-8859-7': C1 + '\u00A0‘’£€₯¦§¨©ͺ«¬\u00AD\uFFFD―°±²³΄΅Ά·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\uFFFDΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ\uFFFD',
    'iso-8859-8': C1 + '\u00A0\uFFFD¢£¤¥¦§¨©×«¬\u00AD®¯°±²³´µ¶·¸¹÷»¼½¾\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD‗\u05D0\u05D1\u05D2\u05D3\u05D4\u05D5\u05D6\u05D7\u05D8\u05D9\u05DA\u05DB\u05DC\u05DD\u05DE\u05DF\u05E0\u05E1\u05E2\u05E3\u05E4\u05E5\u05E6\u05E7\u05E8\u05E9\u05EA\uFFFD\uFFFD\u200E\u200F\uFFFD',
    'iso-8859-8-i': C1 + '\u00A0\uFFFD¢£¤¥¦§¨©×«¬\u00AD®¯°±²³´µ¶·¸¹÷»¼½¾\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD‗\u05D0\u05D1\u05D2\u05D3\u05D4\u05D5\u05D6\u05D7\u05D8\u05D9\u05DA\u05DB\u05DC\u05DD\u05DE\u05DF\u05E0\u05E1\u05E2\u05E3\u05E4\u05E5\u05E6\u05E7\u05E8\u05E9\u05EA\uFFFD\uFFFD\u200E\u200F\uFFFD',
    'iso-8859-10': C1 + '\u00A0ĄĒĢĪĨĶ§ĻĐŠŦŽ\u00ADŪŊ°ąēģīĩķ·ļđšŧž―ūŋĀÁÂÃÄÅÆĮČÉĘËĖÍÎÏÐŅŌÓÔÕÖŨØŲÚÛÜÝÞßāáâãäåæįčéęëėíîïðņōóôõöũøųúûüýþĸ',
    'iso-8859-13': C1 + '\u00A0”¢£¤„¦§Ø©Ŗ«¬\u00AD®Æ°±²³“µ¶·ø¹ŗ»¼½¾æĄĮĀĆÄÅĘĒČÉŹĖĢĶĪĻŠŃŅÓŌÕÖ×ŲŁŚŪÜŻŽßąįāćäåęēčéźėģķīļšńņóōõö÷ųłśūüżž’',
    'iso-8859-14': C1 + '\u00A0Ḃḃ£ĊċḊ§Ẁ©ẂḋỲ\u00AD®ŸḞḟĠġṀṁ¶ṖẁṗẃṠỳẄẅṡÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏŴÑÒÓÔÕÖṪØÙÚÛÜÝŶßàáâãäåæçèéêëìíîïŵñòóôõöṫøùúûüýŷÿ',
    'iso-8859-15': C1 + '\u00A0¡¢£€¥Š§š©ª«¬\u00AD®¯°±²³Žµ¶·ž¹º»ŒœŸ¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
    'iso-8859-16': C1 + '\u00A0ĄąŁ€„Š§š©Ș«Ź\u00ADźŻ°±ČłŽ”¶·žčș»ŒœŸżÀÁÂĂÄĆÆÇÈÉÊËÌÍÎÏĐŃÒÓÔŐÖŚŰÙÚÛÜĘȚßàáâăäćæçèéêëìíîïđńòóôőöśűùúûüęțÿ',
    'koi8-r': '─│┌┐└┘├┤┬┴┼▀▄█▌▐░▒▓⌠■∙√≈≤≥\u00A0⌡°²·÷═║╒ё╓╔╕╖╗╘╙╚╛╜╝╞╟╠╡Ё╢╣╤╥╦╧╨╩╪╫╬©юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ',
    'koi8-u': '─│┌┐└┘├┤┬┴┼▀▄█▌▐░▒▓⌠■∙√≈≤≥\u00A0⌡°²·÷═║╒ёє╔ії╗╘╙╚╛ґ╝╞╟╠╡ЁЄ╣ІЇ╦╧╨╩╪Ґ╬©юабцдефгхийклмнопярстужвьызшэщчъЮАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗШЭЩЧЪ',
    'macintosh': 'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00A0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄€‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uF8FFÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ',
    'windows-874': '€\u0081\u0082\u0083\u0084…\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F\u0090‘’“”•–—\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F\u00A0กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮฯะ\u0E31าำ\u0E34\u0E35\u0E36\u0E37\u0E38\u0E39\u0E3A\uF8C1\uF8C2\uF8C3\uF8C4฿เแโใไๅๆ\u0E47\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E4D\u0E4E๏๐๑๒๓๔๕๖๗๘๙๚๛\uF8C5\uF8C6\uF8C7\uF8C8',
    'windows-1250': '€\u0081‚\u0083„…†‡\u0088‰Š‹ŚŤŽŹ\u0090‘’“”•–—\u0098™š›śťžź\u00A0ˇ˘Ł¤Ą¦§¨©Ş«¬\u00AD®Ż°±˛ł´µ¶·¸ąş»Ľ˝ľżŔÁÂĂÄĹĆÇČÉĘËĚÍÎĎĐŃŇÓÔŐÖ×ŘŮÚŰÜÝŢßŕáâăäĺćçčéęëěíîďđńňóôőö÷řůúűüýţ˙',
    'windows-1251': 'ЂЃ‚ѓ„…†‡€‰Љ‹ЊЌЋЏђ‘’“”•–—\u0098™љ›њќћџ\u00A0ЎўЈ¤Ґ¦§Ё©Є«¬\u00AD®Ї°±Ііґµ¶·ё№є»јЅѕїАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя',
    'windows-1252': '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ',
    'windows-1253': '€\u0081‚ƒ„…†‡\u0088‰\u008A‹\u008C\u008D\u008E\u008F\u0090‘’“”•–—\u0098™\u009A›\u009C\u009D\u009E\u009F\u00A0΅Ά£¤¥¦§¨©ª«¬\u00AD®―°±²³΄µ¶·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\uFFFDΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ\uFFFD',
    'windows-1254': '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008D\u008E\u008F\u0090‘’“”•–—˜™š›œ\u009D\u009EŸ\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏĞÑÒÓÔÕÖ×ØÙÚÛÜİŞßàáâãäåæçèéêëìíîïğñòóôõö÷øùúûüışÿ',
    'windows-1255': '€\u0081‚ƒ„…†‡ˆ‰\u008A‹\u008C\u008D\u008E\u008F\u0090‘’“”•–—˜™\u009A›\u009C\u009D\u009E\u009F\u00A0¡¢£₪¥¦§¨©×«¬\u00AD®¯°±²³´µ¶·¸¹÷»¼½¾¿\u05B0\u05B1\u05B2\u05B3\u05B4\u05B5\u05B6\u05B7\u05B8\u05B9\u05BA\u05BB\u05BC\u05BD\u05BE\u05BF\u05C0\u05C1\u05C2\u05C3\u05F0\u05F1\u05F2\u05F3\u05F4\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD\u05D0\u05D1\u05D2\u05D3\u05D4\u05D5\u05D6\u05D7\u05D8\u05D9\u05DA\u05DB\u05DC\u05DD\u05DE\u05DF\u05E0\u05E1\u05E2\u05E3\u05E4\u05E5\u05E6\u05E7\u05E8\u05E9\u05EA\uFFFD\uFFFD\u200E\u200F\uFFFD',
    'windows-1256': '€\u067E‚ƒ„…†‡ˆ‰\u0679‹Œ\u0686\u0698\u0688\u06AF‘’“”•–—\u06A9™\u0691›œ\u200C\u200D\u06BA\u00A0،¢£¤¥¦§¨©\u06BE«¬\u00AD®¯°±²³´µ¶·¸¹؛»¼½¾؟\u06C1\u0621\u0622\u0623\u0624\u0625\u0626\u0627\u0628\u0629\u062A\u062B\u062C\u062D\u062E\u062F\u0630\u0631\u0632\u0633\u0634\u0635\u0636×\u0637\u0638\u0639\u063Aـ\u0641\u0642\u0643à\u0644â\u0645\u0646\u0647\u0648çèéêë\u0649\u064Aîï\u064B\u064C\u064D\u064Eô\u064F\u0650÷\u0651ù\u0652ûü\u200E\u200F\u06D2',
    'windows-1257': '€\u0081‚\u0083„…†‡\u0088‰\u008A‹\u008C¨ˇ¸\u0090‘’“”•–—\u0098™\u009A›\u009C¯˛\u009F\u00A0\uFFFD¢£¤\uFFFD¦§Ø©Ŗ«¬\u00AD®Æ°±²³´µ¶·ø¹ŗ»¼½¾æĄĮĀĆÄÅĘĒČÉŹĖĢĶĪĻŠŃŅÓŌÕÖ×ŲŁŚŪÜŻŽßąįāćäåęēčéźėģķīļšńņóōõö÷ųłśūüżž˙',
    'windows-1258': '€\u0081‚ƒ„…†‡ˆ‰\u008A‹Œ\u008D\u008E\u008F\u0090‘’“”•–—˜™\u009A›œ\u009D\u009EŸ\u00A0¡¢£¤¥¦§¨©ª«¬\u00AD®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂĂÄÅÆÇÈÉÊË\u0300ÍÎÏĐÑ\u0309ÓÔƠÖ×ØÙÚÛÜƯ\u0303ßàáâăäåæçèéêë\u0301íîïđñ\u0323óôơö÷øùúûüư₫ÿ',
    'x-mac-cyrillic': 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ†°Ґ£§•¶І®©™Ђђ≠Ѓѓ∞±≤≥іµґЈЄєЇїЉљЊњјЅ¬√ƒ≈∆«»…\u00A0ЋћЌќѕ–—“”‘’÷„ЎўЏџ№Ёёяабвгдежзийклмнопрстуфхцчшщъыьэю€',
  };

  // ------------------------------------------------------------------ building strings
  /** Collects UTF-16 code units (at most `capacity`) and makes them a string. */
  class StringSink {
    constructor(capacity) {
      this.units = new Uint16Array(capacity);
      this.length = 0;
    }

    push(unit) {
      this.units[this.length++] = unit;
    }

    pushCodePoint(cp) {
      if (cp > 0xffff) {
        cp -= 0x10000;
        this.units[this.length++] = 0xd800 + (cp >> 10);
        this.units[this.length++] = 0xdc00 + (cp & 0x3ff);
      } else {
        this.units[this.length++] = cp;
      }
    }

    finish() {
      return unitsToString(this.units, this.length);
    }
  }

  /** The string of the first `length` code units of `units` (8 Ki units per call). */
  function unitsToString(units, length) {
    if (length <= 8192) return String.fromCharCode.apply(null, units.subarray(0, length));
    const parts = [];
    for (let at = 0; at < length; at += 8192) {
      parts.push(String.fromCharCode.apply(null, units.subarray(at, Math.min(at + 8192, length))));
    }
    return parts.join('');
  }

  const invalidData = (encoding) => {
    const err = new TypeError(`The encoded data was not valid for encoding ${encoding}`);
    err.code = 'ERR_ENCODING_INVALID_ENCODED_DATA';
    return err;
  };

  // ------------------------------------------------------------------ UTF-8
  /** Bytes the UTF-8 of `string` takes (an unpaired surrogate is U+FFFD: 3). */
  function utf8Length(string) {
    let length = 0;
    const n = string.length;
    for (let i = 0; i < n; i++) {
      const c = string.charCodeAt(i);
      if (c < 0x80) length += 1;
      else if (c < 0x800) length += 2;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (string.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        length += 4;
        i++;
      } else length += 3;
    }
    return length;
  }

  /** Writes UTF-8 of `string` from code unit `start` into `out` while whole characters fit;
   * returns [code units read, bytes written]. Also the outbox's encoder of small bodies
   * (01_calls.js). */
  function utf8Write(string, out, start) {
    const n = string.length;
    const limit = out.length;
    let i = start;
    let at = 0;
    while (i < n) {
      let c = string.charCodeAt(i);
      if (c < 0x80) {
        if (at >= limit) break;
        out[at++] = c;
        i++;
        continue;
      }
      if (c < 0x800) {
        if (at + 2 > limit) break;
        out[at++] = 0xc0 | (c >> 6);
        out[at++] = 0x80 | (c & 0x3f);
        i++;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = i + 1 < n ? string.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && (next & 0xfc00) === 0xdc00) {
          if (at + 4 > limit) break;
          const cp = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
          out[at++] = 0xf0 | (cp >> 18);
          out[at++] = 0x80 | ((cp >> 12) & 0x3f);
          out[at++] = 0x80 | ((cp >> 6) & 0x3f);
          out[at++] = 0x80 | (cp & 0x3f);
          i += 2;
          continue;
        }
        c = 0xfffd;
      }
      if (at + 3 > limit) break;
      out[at++] = 0xe0 | (c >> 12);
      out[at++] = 0x80 | ((c >> 6) & 0x3f);
      out[at++] = 0x80 | (c & 0x3f);
      i++;
    }
    return [i - start, at];
  }
  if (internal) internal.utf8Write = utf8Write;

  function encodeUtf8(string) {
    if (nativeEncode !== undefined && string.length >= NATIVE_MIN) return nativeEncode(string);
    const out = new Uint8Array(utf8Length(string));
    utf8Write(string, out, 0);
    return out;
  }

  /** The spec's UTF-8 decoder over complete input: each maximal invalid subpart is one
   * U+FFFD (or a TypeError when `fatal`); a leading BOM is dropped unless `ignoreBOM`. */
  function decodeUtf8Js(bytes, fatal, ignoreBOM) {
    const n = bytes.length;
    let i = 0;
    if (!ignoreBOM && n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    // Each byte gives at most one code unit (four give two).
    const sink = new StringSink(n - i);
    const units = sink.units;
    while (i < n) {
      const b = bytes[i];
      if (b < 0x80) {
        let at = sink.length;
        units[at++] = b;
        i++;
        while (i < n && bytes[i] < 0x80) units[at++] = bytes[i++];
        sink.length = at;
        continue;
      }
      let need;
      let cp;
      let lower = 0x80;
      let upper = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        need = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        else if (b === 0xed) upper = 0x9f;
        need = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        else if (b === 0xf4) upper = 0x8f;
        need = 3;
        cp = b & 0x07;
      } else {
        if (fatal) throw invalidData('utf-8');
        sink.push(0xfffd);
        i++;
        continue;
      }
      let j = i + 1;
      let complete = true;
      for (let k = 0; k < need; k++, j++) {
        const c = j < n ? bytes[j] : -1;
        if (c < lower || c > upper) {
          complete = false;
          break;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (c & 0x3f);
      }
      if (!complete) {
        // The byte that broke the sequence is not consumed: it starts the next one.
        if (fatal) throw invalidData('utf-8');
        sink.push(0xfffd);
      } else {
        sink.pushCodePoint(cp);
      }
      i = j;
    }
    return sink.finish();
  }

  function decodeUtf8(bytes, fatal, ignoreBOM) {
    if (nativeDecode === undefined || bytes.length < NATIVE_MIN) return decodeUtf8Js(bytes, fatal, ignoreBOM);
    try {
      return nativeDecode(bytes, fatal, ignoreBOM);
    } catch (e) {
      if (fatal && e instanceof TypeError) throw invalidData('utf-8');
      throw e;
    }
  }

  /** How many bytes at the end of `bytes` are the valid start of an unfinished sequence
   * (0 to 3): what a streaming decode keeps for the next call. */
  function utf8Unfinished(bytes) {
    const n = bytes.length;
    for (let back = 1; back <= 3 && back <= n; back++) {
      const b = bytes[n - back];
      if (b >= 0x80 && b <= 0xbf) continue;
      const need = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
      if (need <= back) return 0;
      if (back >= 2) {
        const c = bytes[n - back + 1];
        const lower = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
        const upper = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
        if (c < lower || c > upper) return 0;
      }
      return back;
    }
    return 0;
  }

  // ------------------------------------------------------------------ decoders
  // A decoder turns chunks into strings. `decode(bytes, flush)` keeps what a later chunk may
  // finish unless `flush`. UTF-8 and UTF-16 leave the BOM to TextDecoder.

  class Utf8Decoder {
    constructor(fatal) {
      this.fatal = fatal;
      this.pending = null;
      // Whether the last decode dropped a BOM (its bytes began with EF BB BF).
      this.droppedBOM = false;
    }

    decode(bytes, flush, ignoreBOM) {
      if (this.pending !== null) {
        const joined = new Uint8Array(this.pending.length + bytes.length);
        joined.set(this.pending, 0);
        joined.set(bytes, this.pending.length);
        bytes = joined;
        this.pending = null;
      }
      if (!flush) {
        const keep = utf8Unfinished(bytes);
        if (keep > 0) {
          this.pending = bytes.slice(bytes.length - keep);
          bytes = bytes.subarray(0, bytes.length - keep);
        }
      }
      this.droppedBOM = !ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      return bytes.length === 0 ? '' : decodeUtf8(bytes, this.fatal, ignoreBOM);
    }
  }

  class Utf16Decoder {
    constructor(fatal, bigEndian) {
      this.fatal = fatal;
      this.bigEndian = bigEndian;
      this.leadByte = -1;
      this.leadSurrogate = -1;
      this.name = bigEndian ? 'utf-16be' : 'utf-16le';
    }

    error(sink) {
      if (this.fatal) {
        this.leadByte = -1;
        this.leadSurrogate = -1;
        throw invalidData(this.name);
      }
      sink.push(0xfffd);
    }

    decode(bytes, flush) {
      const n = bytes.length;
      // Two bytes give one unit, or two after an unpaired lead; plus what was pending.
      const sink = new StringSink((n >> 1) + 4);
      const be = this.bigEndian;
      for (let i = 0; i < n; i++) {
        if (this.leadByte === -1) {
          this.leadByte = bytes[i];
          continue;
        }
        const unit = be ? (this.leadByte << 8) | bytes[i] : (bytes[i] << 8) | this.leadByte;
        this.leadByte = -1;
        if (this.leadSurrogate !== -1) {
          const lead = this.leadSurrogate;
          this.leadSurrogate = -1;
          if (unit >= 0xdc00 && unit <= 0xdfff) {
            sink.push(lead);
            sink.push(unit);
            continue;
          }
          // An unpaired lead surrogate; `unit` is then read afresh.
          this.error(sink);
        }
        if (unit >= 0xd800 && unit <= 0xdbff) this.leadSurrogate = unit;
        else if (unit >= 0xdc00 && unit <= 0xdfff) this.error(sink);
        else sink.push(unit);
      }
      if (flush && (this.leadByte !== -1 || this.leadSurrogate !== -1)) {
        this.leadByte = -1;
        this.leadSurrogate = -1;
        this.error(sink);
      }
      return sink.finish();
    }
  }

  class SingleByteDecoder {
    constructor(fatal, name) {
      this.fatal = fatal;
      this.name = name;
      this.table = SINGLE_BYTE[name];
    }

    decode(bytes) {
      const sink = new StringSink(bytes.length);
      const table = this.table;
      const n = bytes.length;
      for (let i = 0; i < n; i++) {
        const b = bytes[i];
        if (b < 0x80) {
          sink.push(b);
        } else if (table === undefined) {
          sink.push(0xf780 + b - 0x80); // x-user-defined
        } else {
          const c = table.charCodeAt(b - 0x80);
          if (c === 0xfffd && this.fatal) throw invalidData(this.name);
          sink.push(c);
        }
      }
      return sink.finish();
    }
  }

  function newDecoder(encoding, fatal) {
    if (encoding === 'utf-8') return new Utf8Decoder(fatal);
    if (encoding === 'utf-16le') return new Utf16Decoder(fatal, false);
    if (encoding === 'utf-16be') return new Utf16Decoder(fatal, true);
    if (encoding === 'x-user-defined' || SINGLE_BYTE[encoding] !== undefined) return new SingleByteDecoder(fatal, encoding);
    // Made by js/04_builtins.js, which runs after this file; a decoder is only made later.
    return new internal.NativeDecoder(encoding, fatal, false);
  }

  // ------------------------------------------------------------------ TextDecoder
  const EMPTY = new Uint8Array(0);
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const sabByteLength = typeof SharedArrayBuffer === 'function'
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength').get
    : undefined;
  const hasSlot = (getterFn, value) => {
    if (getterFn === undefined) return false;
    try {
      Reflect.apply(getterFn, value, []);
      return true;
    } catch {
      return false;
    }
  };

  /** The bytes of a BufferSource (ArrayBuffer, SharedArrayBuffer or a view), not copied. */
  function bufferSourceBytes(input) {
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (hasSlot(abByteLength, input) || hasSlot(sabByteLength, input)) return new Uint8Array(input);
    throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
  }

  /** A WebIDL dictionary argument: undefined and null are empty, other non-objects refused. */
  function dictionary(value, what) {
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' && typeof value !== 'function') {
      throw new TypeError(`The "${what}" argument must be of type object`);
    }
    return value;
  }

  let decoderOf;

  class TextDecoder {
    #encoding;
    #fatal;
    #ignoreBOM;
    #decoder;
    #doNotFlush = false;
    #bomSeen = false;

    constructor(label = 'utf-8', options = undefined) {
      const encoding = encodingOf(toDOMString(label));
      const opts = dictionary(options, 'options');
      this.#encoding = encoding;
      this.#fatal = Boolean(opts.fatal);
      this.#ignoreBOM = Boolean(opts.ignoreBOM);
      this.#decoder = newDecoder(encoding, this.#fatal);
    }

    get encoding() {
      return decoderOf(this).#encoding;
    }

    get fatal() {
      return decoderOf(this).#fatal;
    }

    get ignoreBOM() {
      return decoderOf(this).#ignoreBOM;
    }

    decode(input = undefined, options = undefined) {
      decoderOf(this);
      const bytes = input === undefined ? EMPTY : bufferSourceBytes(input);
      const stream = Boolean(dictionary(options, 'options').stream);
      if (!this.#doNotFlush) {
        this.#decoder = newDecoder(this.#encoding, this.#fatal);
        this.#bomSeen = false;
      }
      this.#doNotFlush = stream;
      const decoder = this.#decoder;
      if (!(decoder instanceof Utf8Decoder || decoder instanceof Utf16Decoder)) return decoder.decode(bytes, !stream);
      if (this.#ignoreBOM || this.#bomSeen) return decoder.decode(bytes, !stream, true);
      if (decoder instanceof Utf8Decoder) {
        // The BOM can only be the stream's first character; the UTF-8 decode drops it.
        const text = decoder.decode(bytes, !stream, false);
        if (text !== '' || decoder.droppedBOM) this.#bomSeen = true;
        return text;
      }
      const text = decoder.decode(bytes, !stream);
      if (text === '') return text;
      this.#bomSeen = true;
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    }

    static {
      decoderOf = (self) => {
        if (self === null || typeof self !== 'object' || !(#encoding in self)) {
          throw new TypeError('Value of "this" must be of type TextDecoder');
        }
        return self;
      };
    }
  }

  // ------------------------------------------------------------------ TextEncoder
  let checkEncoder;

  class TextEncoder {
    #brand;

    get encoding() {
      checkEncoder(this);
      return 'utf-8';
    }

    encode(input = '') {
      checkEncoder(this);
      return encodeUtf8(toDOMString(input));
    }

    encodeInto(source, destination) {
      checkEncoder(this);
      if (arguments.length < 2) throw new TypeError('The "src" and "dest" arguments must be specified');
      const string = toDOMString(source);
      if (!isUint8ArraySafe(destination)) {
        throw new TypeError('The "dest" argument must be an instance of Uint8Array');
      }
      const [read, written] = utf8Write(string, destination, 0);
      return { read, written };
    }

    static {
      checkEncoder = (self) => {
        if (self === null || typeof self !== 'object' || !(#brand in self)) {
          throw new TypeError('Value of "this" must be of type TextEncoder');
        }
      };
    }
  }

  function isUint8ArraySafe(value) {
    try {
      return isUint8Array(value);
    } catch {
      return false;
    }
  }

  for (const [Class, getters] of [[TextDecoder, ['encoding', 'fatal', 'ignoreBOM']], [TextEncoder, ['encoding']]]) {
    for (const key of getters) {
      const desc = Object.getOwnPropertyDescriptor(Class.prototype, key);
      desc.enumerable = true;
      Object.defineProperty(Class.prototype, key, desc);
    }
    Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: Class.name, writable: false, enumerable: false, configurable: true });
  }

  // ------------------------------------------------------------------ atob / btoa
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const toBase64 = typeof Uint8Array.prototype.toBase64 === 'function' ? Uint8Array.prototype.toBase64 : undefined;
  const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
  const DECODE = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) DECODE[CODES[i]] = i;

  function invalidCharacter(message) {
    return new DOMException(message, 'InvalidCharacterError');
  }

  function btoa(data) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    const s = toDOMString(data);
    const n = s.length;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) > 0xff) throw invalidCharacter('Invalid character');
    }
    if (toBase64 !== undefined) {
      // The engine's own encoder (ES2026 Uint8Array.prototype.toBase64), over the bytes.
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i++) bytes[i] = s.charCodeAt(i);
      return Reflect.apply(toBase64, bytes, []);
    }
    const out = new Uint16Array(Math.ceil(n / 3) * 4);
    let at = 0;
    let i = 0;
    for (; i + 2 < n; i += 3) {
      const v = (s.charCodeAt(i) << 16) | (s.charCodeAt(i + 1) << 8) | s.charCodeAt(i + 2);
      out[at++] = CODES[v >> 18];
      out[at++] = CODES[(v >> 12) & 63];
      out[at++] = CODES[(v >> 6) & 63];
      out[at++] = CODES[v & 63];
    }
    if (i < n) {
      const two = i + 1 < n;
      const v = (s.charCodeAt(i) << 16) | (two ? s.charCodeAt(i + 1) << 8 : 0);
      out[at++] = CODES[v >> 18];
      out[at++] = CODES[(v >> 12) & 63];
      out[at++] = two ? CODES[(v >> 6) & 63] : 0x3d;
      out[at++] = 0x3d;
    }
    return unitsToString(out, at);
  }

  function atob(data) {
    if (arguments.length === 0) throw new TypeError('The "data" argument must be specified');
    let s = toDOMString(data);
    if (/[\t\n\f\r ]/.test(s)) s = s.replace(/[\t\n\f\r ]+/g, '');
    let n = s.length;
    if (n % 4 === 0 && n > 0 && s.charCodeAt(n - 1) === 0x3d) {
      n -= s.charCodeAt(n - 2) === 0x3d ? 2 : 1;
    }
    const bad = () => invalidCharacter('The string to be decoded is not correctly encoded.');
    if (n % 4 === 1) throw bad();
    const sink = new StringSink(n);
    let acc = 0;
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      const v = c < 128 ? DECODE[c] : -1;
      if (v < 0) throw bad();
      acc = ((acc << 6) | v) & 0xffffff;
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        sink.push((acc >> bits) & 0xff);
      }
    }
    return sink.finish();
  }

  for (const [name, value] of [['TextEncoder', TextEncoder], ['TextDecoder', TextDecoder], ['atob', atob], ['btoa', btoa]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
})();
