/* exported showCredit */
// The boundaries' credit on a map, without Leaflet's own prefix. It starts folded to
// its licence (geo.maps.credit_html) and opens by itself where the screen is wide
// enough that it covers little. geo.maps.base_map sends this file with `config`:
// {credit: the credit's HTML, openFrom: the narrowest window width, in pixels, that opens it}.
function showCredit(map, config) {
  map.attributionControl.setPrefix(false).addAttribution(config.credit);
  map.whenReady(function () {
    var credit = document.querySelector(".map-credit");
    if (credit && window.innerWidth >= config.openFrom) { credit.open = true; }
  });
}
