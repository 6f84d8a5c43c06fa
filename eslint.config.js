// ESLint for the JavaScript the dashboard sends to browsers: the map's scripts (geo/js),
// the page's components (ui/js) and the checks the browser tests run in a page (tests).
const js = require("@eslint/js");
const globals = require("globals");

const strict = {
  ...js.configs.recommended.rules,
  "no-unused-vars": ["error", {vars: "all", args: "after-used", caughtErrors: "all"}],
};

module.exports = [
  {ignores: ["node_modules/", ".venv/", "static/vendor/", "data/"]},
  {
    // Pasted into the map's page as classic scripts; each says what it shares (exported/global).
    files: ["geo/js/**/*.js", "tests/**/*.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "script", globals: globals.browser},
    rules: strict,
  },
  {
    // Streamlit custom components: ES modules with a default export.
    files: ["ui/js/**/*.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "module", globals: globals.browser},
    rules: strict,
  },
  {
    files: ["eslint.config.js"],
    languageOptions: {ecmaVersion: 2022, sourceType: "commonjs", globals: globals.node},
    rules: strict,
  },
];
