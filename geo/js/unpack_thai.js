/* exported thaiUnpacker */
// Undoes geo.payload.pack_thai_html: the Thai letters are U+0E01–U+0E3A and U+0E3F–U+0E5B,
// each sent as one ASCII character of `ascii`; `shift` toggles between Thai and as-is text.
function thaiUnpacker(ascii, shift) {
  var thai = {}, n = 0;
  for (var cp = 0x0E01; cp <= 0x0E5B; cp++) {
    if (cp < 0x0E3B || cp > 0x0E3E) { thai[ascii.charAt(n++)] = String.fromCharCode(cp); }
  }
  return function (text) {
    var out = "", inThai = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      if (c === shift) { inThai = !inThai; } else { out += inThai && c !== " " ? thai[c] : c; }
    }
    return out;
  };
}
