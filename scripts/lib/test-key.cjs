// The key the test suites send to stand-ins (Prism, fake servers, the contract suite's default):
// long enough to be searched for by redaction, with "SECRET" in it so a leak is easy to spot.
module.exports.TEST_API_KEY = "sk-test-0123456789abcdefSECRET";
