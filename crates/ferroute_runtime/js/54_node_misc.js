// placeholder (being written)
(() => {})();
