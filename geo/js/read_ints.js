/* exported intReader */
// Reads geo.payload.varint_text: integers as zigzag varints, one character of `digits`
// per five bits, the sixth bit saying another character follows.
function intReader(digits) {
  var digit = {};
  for (var k = 0; k < digits.length; k++) { digit[digits.charCodeAt(k)] = k; }
  return function (text) {
    var out = [], value = 0, scale = 1;
    for (var i = 0; i < text.length; i++) {
      var d = digit[text.charCodeAt(i)];
      value += (d & 31) * scale;
      if (d & 32) { scale *= 32; } else {
        out.push(value % 2 ? -(value + 1) / 2 : value / 2);
        value = 0; scale = 1;
      }
    }
    return out;
  };
}
