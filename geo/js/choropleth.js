/* global L, thaiUnpacker, intReader */
/* exported choropleth */
// The areas of one map as a Leaflet layer, with its legend, place names and locator.
// geo.maps.choropleth sends this file with the data: `areas` and `config` (its keys are
// the names below).
function choropleth(areas, config) {
  var q = config.quantum;
  var readInts = intReader(config.digits);
  var unpackThai = thaiUnpacker(config.ascii, config.shift);
  var palette = config.palette, fillOf = readInts(config.fillOf), tips = readInts(config.tipOf);
  var lines = config.lines.split(config.lineSeparator).map(unpackThai);
  var selected = config.selected;
  // areas: [digits, codes, shapes] (geo.payload.EncodedShapes.text): the codes as deltas
  // of their numbers, the shapes space-separated. A shape is a list of integers: polygons,
  // then per polygon its rings, then per ring its points as x, y deltas on a grid of step
  // q (geo.payload._encode_area). Area i has colour palette[fillOf[i]];
  // tips holds per area a count, then its tooltip's lines, each as 0 for the next line
  // not used before, else its number + 1 (geo.payload.tooltip_refs_text); the first is bold.
  var codes = [], number = 0, shapes = areas[2].split(" ");
  readInts(areas[1]).forEach(function (d) {
    number += d;
    codes.push(String(number).padStart(areas[0], "0"));
  });
  var tipOf = [], t = 0, seen = 0;
  codes.forEach(function () {
    var row = [];
    for (var n = tips[t++]; n > 0; n--) { var r = tips[t++]; row.push(r ? r - 1 : seen++); }
    tipOf.push(row);
  });
  var data = {type: "FeatureCollection", features: codes.map(function (code, n) {
    var v = readInts(shapes[n]), k = 0, x = 0, y = 0, polygons = [];
    for (var p = v[k++]; p > 0; p--) {
      var rings = [];
      for (var r = v[k++]; r > 0; r--) {
        var ring = [];
        for (var m = v[k++]; m > 0; m--) { x += v[k++]; y += v[k++]; ring.push([x * q, y * q]); }
        ring.push(ring[0]);
        rings.push(ring);
      }
      polygons.push(rings);
    }
    return {type: "Feature", properties: {c: code, i: n},
            geometry: {type: "MultiPolygon", coordinates: polygons}};
  })};
  function tip(refs) {
    return refs.map(function (r, j) { return j ? lines[r] : "<b>" + lines[r] + "</b>"; })
      .join("<br>");
  }
  var layer = L.geoJSON(data, {
    style: function (f) {
      var c = f.properties.c, isSel = selected.indexOf(c) >= 0;
      return {fillColor: palette[fillOf[f.properties.i]], fillOpacity: config.opacity,
              color: isSel ? "#111" : config.edge, weight: isSel ? 2.5 : config.weight};
    },
    onEachFeature: function (f, l) {
      var refs = tipOf[f.properties.i];
      if (refs.length) { l.bindTooltip(function () { return tip(refs); }, {sticky: true}); }
    }
  });
  var legendHtml = config.legend, fitKey = config.fitKey, bounds = config.bounds;
  var labels = config.labels, locatorHtml = config.locator;
  function control(position, markup) {
    var made = L.control({position: position});
    made.onAdd = function () {
      var div = L.DomUtil.create("div"); div.innerHTML = markup; return div;
    };
    return made;
  }
  layer.on("add", function () {
    var map = layer._map;
    if (legendHtml) { layer._legend = control("bottomright", legendHtml).addTo(map); }
    if (locatorHtml) { layer._locator = control("topright", locatorHtml).addTo(map); }
    // labels: [[lat, lng, name already escaped], …]
    layer._labels = L.layerGroup(labels.map(function (label) {
      return L.marker([label[0], label[1]], {interactive: false, keyboard: false,
        icon: L.divIcon({className: "area-label", html: label[2], iconSize: null})});
    })).addTo(map);
    // A name that would overlap one already shown waits for a closer zoom.
    layer._declutter = function () {
      var shown = [];
      layer._labels.eachLayer(function (marker) {
        var element = marker.getElement();
        if (!element) { return; }
        element.style.visibility = "";
        var box = element.getBoundingClientRect();
        var clash = shown.some(function (other) {
          return box.left < other.right && other.left < box.right &&
                 box.top < other.bottom && other.top < box.bottom;
        });
        if (clash) { element.style.visibility = "hidden"; } else { shown.push(box); }
      });
    };
    map.on("zoomend", layer._declutter);
    setTimeout(layer._declutter, 0);
    if (bounds && window.__fitKey !== fitKey) {
      window.__fitKey = fitKey;
      map.fitBounds(bounds, {padding: [8, 8]});
    }
    requestAnimationFrame(function () { window[config.shownFlag] = true; });
  });
  layer.on("remove", function () {
    if (layer._legend) { layer._map.removeControl(layer._legend); }
    if (layer._locator) { layer._map.removeControl(layer._locator); }
    if (layer._labels) {
      layer._map.off("zoomend", layer._declutter);
      layer._map.removeLayer(layer._labels);
    }
  });
  return layer;
}
