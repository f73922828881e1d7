/* Added by the course build (build_tools/i18n/editions.py): the stemmer of this language also folds
   accents, in the index and in every query, so "mediation" finds « médiation » and the reverse. */
!function (lunr) {
  var language = lunr && lunr["{language}"];
  if (!language || !language.stemmer || language.stemmer.folded) return;
  var stem = language.stemmer;
  var folded = function (token) {
    var stemmed = stem(token);
    return stemmed && stemmed.update ? stemmed.update(function (word) {
      return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
    }) : stemmed;
  };
  folded.folded = true;
  language.stemmer = folded;
  lunr.Pipeline.registerFunction(folded, "stemmer-{language}");
}(this.lunr);
