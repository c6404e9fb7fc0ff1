// The pinned identity of the Chrome build: its manifest key and the extension id derived from it.

/** Base64 DER of the RSA public key; it pins the id that managed policies and tests address. */
export const EXTENSION_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAxoHY1HmAyTTYeYi6qW1tWvOQnsffooY6PF7xWHQs0RtKgSDE7vl3' +
  'uQZzeCbTiblA9ESh7ySFx4dYCmPTsRYcUed1pSc9A/B+PKDU+hpqms20WckYEWxycyqSrLV5T+PW+B61ylsxdbc480fww2KR' +
  'L95P1+qUEIxjBj2cLWKjcdf2h4G4pioEpM46UaKhBQLCftkqlNQowzgfmWkQYYBkBke4MaKm1sjVK2OiKxHDa5gr1SyMarj6' +
  'ptXXvKUDfgC34W2F5yxY20I5RaWgs0JlgLIBJGYuoBRF4q8Iesk8p02JFEX20hat23gKZgH6U6+/EqVUMWCbYVZa6VtZmOdU' +
  'NwIDAQAB';

/** First 32 hex digits of sha256(DER key), 0-f mapped to a-p. Checked in test/unit/tracker-pure-modules.test.ts. */
export const EXTENSION_ID = 'ijfohkaemnlpljnlponcmlcinjgcnpbk';

/** Firefox has no key-derived id: it takes the id from browser_specific_settings. */
export const GECKO_ID = 'extension@seatwise.dev';
