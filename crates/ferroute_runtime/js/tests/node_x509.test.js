// node:crypto's X509Certificate (53b_node_x509.js) on both engines. The certificates were made
// with openssl (a CA and a leaf it issued with every kind of name, Ed25519, RSA-PSS, odd names and
// wildcards, a v1 certificate); the expected values are what Node 20.20.2 gave for them.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const crypto = internal.builtin('crypto');
  const { X509Certificate } = crypto;
  const B = globalThis.Buffer;

  const PEM = {
    ca: "-----BEGIN CERTIFICATE-----\nMIIEJTCCAw2gAwIBAgIEAKGywzANBgkqhkiG9w0BAQsFADCBoTELMAkGA1UEBhMC\nVVMxEzARBgNVBAgMCkNhbGlmb3JuaWExFjAUBgNVBAcMDVNhbiBGcmFuY2lzY28x\nFzAVBgNVBAoMDkZlcnJvdXRlLCBJbmMuMRAwDgYDVQQLDAdUZXN0IENBMRkwFwYD\nVQQDDBBGZXJyb3V0ZSBUZXN0IENBMR8wHQYJKoZIhvcNAQkBFhBjYUBmZXJyb3V0\nZS50ZXN0MB4XDTI2MTIwMjA1NDY0OVoXDTM2MTEyOTA1NDY0OVowgaExCzAJBgNV\nBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4gRnJhbmNp\nc2NvMRcwFQYDVQQKDA5GZXJyb3V0ZSwgSW5jLjEQMA4GA1UECwwHVGVzdCBDQTEZ\nMBcGA1UEAwwQRmVycm91dGUgVGVzdCBDQTEfMB0GCSqGSIb3DQEJARYQY2FAZmVy\ncm91dGUudGVzdDCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAOFp02uT\nHYYS4fpTFOBGu4eAiL9rXV2431n25scJFS/SY3JsrNBngo8PnKjuLcRP/VTl03Lc\n4XferMwX1+4BNVXqFsHlBVWvOMFnRXXTxcrOvXhmyMY7ryNBdbgiBXl68apJ9CTW\nAx8gdta2YId7JYqtp4V0q0Rn2xGJcl+/exYLDbVESvcsI9dqsoYafa1Saa2YqDbN\nhdP4+cxoO0cSbf6wPeFfvE1XoFvhf5HsqqXeeWP3K/7j8dWLoO3OKSOQE8oBTLj7\nRQukENshC366xNi6kb06M1QiXxsVSpEvIG9aqzkJwwlFWRC1qVq4UeZnM8ZwMoxV\nkjuKD05WxZp+Lo8CAwEAAaNjMGEwHQYDVR0OBBYEFPeD8GFDTgBVO5JWYwchj6W7\nJH+9MB8GA1UdIwQYMBaAFPeD8GFDTgBVO5JWYwchj6W7JH+9MA8GA1UdEwEB/wQF\nMAMBAf8wDgYDVR0PAQH/BAQDAgEGMA0GCSqGSIb3DQEBCwUAA4IBAQBqUB21zttN\nxnkgj2NzvtUtwi5fNmQSbdvTaSWiUIVqy6qNjVli80p4KAHbm/+4lLvYQ01V8arn\n4OqQij8zYnPzNOGC0h1F1RM7y9Owbr5nTwwPcqX8R5mLWfvhGW2MM/C9IOhfH57j\n6tgKBVwTzzvHIHFyaJmKDSla0guGALxvq0xbnNti3FX/uzo9DYQQhdLFVOVGJLcr\n6Sdy7lz+r7jZsu1OqpT1yWIdETrm9RmwKb8VxYZDxsLg6Gk0g6lTVi3q8sEJ/+Sv\nD+jGTwKjplAo8xxMAtS1DlO4FD2Uz2WJ0cZaa6hQaylttNtqFB6WlIn7TgEDVCFy\nI4JFwDZDskvR\n-----END CERTIFICATE-----\n",
    leaf: "-----BEGIN CERTIFICATE-----\nMIIEEjCCAvqgAwIBAgIID+3LqYdlQyEwDQYJKoZIhvcNAQEMBQAwgaExCzAJBgNV\nBAYTAlVTMRMwEQYDVQQIDApDYWxpZm9ybmlhMRYwFAYDVQQHDA1TYW4gRnJhbmNp\nc2NvMRcwFQYDVQQKDA5GZXJyb3V0ZSwgSW5jLjEQMA4GA1UECwwHVGVzdCBDQTEZ\nMBcGA1UEAwwQRmVycm91dGUgVGVzdCBDQTEfMB0GCSqGSIb3DQEJARYQY2FAZmVy\ncm91dGUudGVzdDAeFw0yNjEyMDIwNTQ2NTJaFw0yOTAzMDYwNTQ2NTJaMFMxGjAY\nBgNVBAMMEXd3dy5mZXJyb3V0ZS50ZXN0MR8wHQYDVQQKDBZGZXJyb3V0ZSDDg8Kc\nbsODwq9jb2RlMRQwEgYKCZImiZPyLGQBGRYEdGVzdDBZMBMGByqGSM49AgEGCCqG\nSM49AwEHA0IABMEBUkYYxMuUtwsR+nV7GuLbAFmZwcHlJKyKdZITILSr2Kw1PQys\n+9NngxsLnn3vNBpemHdZ6wUOt8g4FWG6cWOjggFkMIIBYDAJBgNVHRMEAjAAMAsG\nA1UdDwQEAwIHgDAdBgNVHSUEFjAUBggrBgEFBQcDAQYIKwYBBQUHAwIwgYYGA1Ud\nEQR/MH2CEXd3dy5mZXJyb3V0ZS50ZXN0ghMqLmFwaS5mZXJyb3V0ZS50ZXN0hwR/\nAAABhxAAAAAAAAAAAAAAAAAAAAABgRNBZG1pbkBGZXJyb3V0ZS50ZXN0hhtodHRw\nczovL2ZlcnJvdXRlLnRlc3QvYT9iPTGCCWxvY2FsaG9zdDBeBggrBgEFBQcBAQRS\nMFAwJQYIKwYBBQUHMAGGGWh0dHA6Ly9vY3NwLmZlcnJvdXRlLnRlc3QwJwYIKwYB\nBQUHMAKGG2h0dHA6Ly9mZXJyb3V0ZS50ZXN0L2NhLmNydDAdBgNVHQ4EFgQUMeXh\nPN2cHhAtIi9sgZ/YC6lhoYAwHwYDVR0jBBgwFoAU94PwYUNOAFU7klZjByGPpbsk\nf70wDQYJKoZIhvcNAQEMBQADggEBANR9Zqau+BROPuHeeTokXTO5HKdacfsw7Jfd\nJepvGXAIdripxN1YKG4a8gMMEg7PgHVL9idO+Ptbd7q2s2iBFYv6sLZs5rRgLKrE\njRRjX4l3nBRL5kxIvMauK6Qn+FLb3cKmBBUtwvlSzpsvDN2lF0vO7giMocqhiwmW\nAI89EvP/TwfnlZFxNHaExGAorzX80nKJDauWZkk8c/Eq6+Ia8AZDjCZq2XeS9Tfy\ntAoItTCb+uiAgfa1sUr9gR4hwBNkNHCNdffU4nO0mkiUc3B32hhjoEeO05B8T51g\nzkiUPQJZYgd+ipQyDz6N6Q/BXTfFUMc3vH7PgLtFLSZBmiiLRmw=\n-----END CERTIFICATE-----\n",
    ed: "-----BEGIN CERTIFICATE-----\nMIIBSjCB/aADAgECAhRxLRSQWiQIEpvTok8CTdUDxwRswzAFBgMrZXAwGzEZMBcG\nA1UEAwwQZWQuZmVycm91dGUudGVzdDAeFw0yNjEyMDIwNTQ2NTJaFw0yNzAxMDEw\nNTQ2NTJaMBsxGTAXBgNVBAMMEGVkLmZlcnJvdXRlLnRlc3QwKjAFBgMrZXADIQAK\nhEJFVWzgBNU1CeFxq1lTZY4Onrra+cV26X5vnwqMYKNTMFEwHQYDVR0OBBYEFH/u\ns9LwQh5ZQXt4j0JV8u5mNyRKMB8GA1UdIwQYMBaAFH/us9LwQh5ZQXt4j0JV8u5m\nNyRKMA8GA1UdEwEB/wQFMAMBAf8wBQYDK2VwA0EAg2WRmPNPSYXKB5CzYCq7U0mO\n2OXE/Iwuv0UibNmXb6ck/kPE8pA/HqoP0NEoZpJmFCwlodbH1dxBMTmJJw0CCw==\n-----END CERTIFICATE-----\n",
    pss: "-----BEGIN CERTIFICATE-----\nMIIDZTCCAhmgAwIBAgIUP7xUDq9qs26gHAfud8yV1LLX4F4wQQYJKoZIhvcNAQEK\nMDSgDzANBglghkgBZQMEAgEFAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgEF\nAKIDAgEgMA4xDDAKBgNVBAMMA3BzczAeFw0yNjEyMDIwNTQ2NTNaFw0yNzAxMDEw\nNTQ2NTNaMA4xDDAKBgNVBAMMA3BzczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCC\nAQoCggEBAKSFbfMBu/K1PuEL4tjv5swZogG8n+YNbe556kwfRSoq2dRtp+9Jm0jD\nDJ5Q2LU6ZieqkahwHEaMBtJAdTETXQ2OuhE/p+Sib+4N0amhUD8NOw4mvNm+KM4e\nApGAAhEN79l/xxtKjEVPkZlSbImtLA+qjhvpGXtxIwnDa4cHYF3M3vSjBpav2EXe\nMKanuoEUXHMPjFR/IePACgthbILuMXGdlaap8PFCj12e0fZ6ZNAUH5Z8aNhvacs2\nIIar7jjVntSJfeF7y1vq7D3oDFtd5F//Knlhoo4eW8bPjviMLhAsNgX+TFUr/cTz\ncUQAQuxNCqJ0h8WgW8Nl3E/SOg0izKMCAwEAAaNTMFEwHQYDVR0OBBYEFBaFX6pE\nWycp9G+mcMxY6VOT44bIMB8GA1UdIwQYMBaAFBaFX6pEWycp9G+mcMxY6VOT44bI\nMA8GA1UdEwEB/wQFMAMBAf8wQQYJKoZIhvcNAQEKMDSgDzANBglghkgBZQMEAgEF\nAKEcMBoGCSqGSIb3DQEBCDANBglghkgBZQMEAgEFAKIDAgEgA4IBAQBrDkI1spDq\nuwpwaGtiwPG02og6cQWFgEHlfJ0Mv1DDCFHjCB4Lcu3hG7FWpt4dX7czBB1B6r7R\nSkwUrDhm41+MB03TDvL/F9ELG5zNduZ9grubVRZvzqtI0YZJnBlsI2OGyHobNv+N\n9ynC1wdeDt63Mq2JFfbvqaf1KS2stNG9ts2G49i/MfKYLNf4y9mSBxN1sxnECo6q\nIqQVKlFHR4TjwQjUWeujfVvHpe8bYnZgT8ghz7QgZZtLsYsM2Wvl0M3yuKJ7xzmc\nbHhnVFt1jW8k+M0Tg50tEz9FIw8eXSupE8WTlAglwEt5J1KOWVx7NbYqtUqenL2U\nF5FoHZm/S/bg\n-----END CERTIFICATE-----\n",
    odd: "-----BEGIN CERTIFICATE-----\nMIIDEzCCAnygAwIBAgIUVrhNvr/pgI0CmoU56d31zse16Y4wDQYJKoZIhvcNAQEL\nBQAwVDELMAkGA1UEBhMCREUxDzANBgNVBAsMBlVuaXQgQTEPMA0GA1UECwwGVW5p\ndCBCMSMwIQYDVQQDDBojbGVhZCArcGx1czsgc2VtaSA8YT4gPSBlcTAeFw0yNjEy\nMDIwNTUxMTRaFw0yNjEyMTIwNTUxMTRaMFQxCzAJBgNVBAYTAkRFMQ8wDQYDVQQL\nDAZVbml0IEExDzANBgNVBAsMBlVuaXQgQjEjMCEGA1UEAwwaI2xlYWQgK3BsdXM7\nIHNlbWkgPGE+ID0gZXEwgZ8wDQYJKoZIhvcNAQEBBQADgY0AMIGJAoGBALsQu6Ro\nXnlaG7E63Qxyq43JYSHZ+m8irPy5WRi/XA7DhkBK3ZfYS9DprijpQ5lgWDkEoE+3\nIClXPFS3HQFxrKWN/5yhCfT7KdKKA7ZNYDMMMsa5v27xiRMhoBI3RwwXAqSI6evz\nEVYYC8IyBtevY4gVeMgqxPmxW8qW3c1bcqSNAgMBAAGjgeEwgd4wDwYDVR0TAQH/\nBAUwAwEB/zALBgNVHQ8EBAMCB4AwgZ4GA1UdEQSBljCBk4IPdyoucGFydGlhbC50\nZXN0ggwqLm11bHRpLnRlc3SCCGEsYi50ZXN0ggUqLmNvbYIOeG4tLSouaWRuLnRl\nc3SHBAoAAAGHEAAAAAAAAAAAAAD//woAAAKBCnFAb2RkLnRlc3SIAyoDBKQoMCYx\nETAPBgNVBAMMCERpciBOYW1lMREwDwYDVQQKDAhEaXIsIE9yZzAdBgNVHQ4EFgQU\n7RT+XSVQmoG2whkj/RPMB+xwKKQwDQYJKoZIhvcNAQELBQADgYEAF9B3JXI5Brw2\n/DGsVF0UB58Y73vEcct8w8qdwvrVMel8ru1/nIRfmiSYzff+DsYwt0oUDSfFHoVX\nKMytysb9pPkge2J5Yiiba9dGky6/ZWuxvfFJgW0mZbsEKK1rdFkDOVyLiLJ6IZ/S\nlBKUuXUOTpH1KJ4th1x62OLv32jb8tQ=\n-----END CERTIFICATE-----\n",
    v1: "-----BEGIN CERTIFICATE-----\nMIIB3DCCAUUCFCJOW4rftjsUW7rh62cFlTbs18YuMA0GCSqGSIb3DQEBCwUAMC0x\nEDAOBgNVBAMMB3YxLnRlc3QxGTAXBgkqhkiG9w0BCQEWCnYxQHYxLnRlc3QwHhcN\nMjYxMjAyMDU1MTA5WhcNMjYxMjA3MDU1MTA5WjAtMRAwDgYDVQQDDAd2MS50ZXN0\nMRkwFwYJKoZIhvcNAQkBFgp2MUB2MS50ZXN0MIGfMA0GCSqGSIb3DQEBAQUAA4GN\nADCBiQKBgQCTkcMkfkCW5LVJnkqyokvyUllqcbwueslXftn3vWsPR+dou/ZxmPsY\n8qnCd5uClV0fqnjXDcqjxETJ392/6eVCrvMsRhE++9C5DW/wC5nVqRjDLuF+Jrrv\ncbVLbUrdFAsHwrZOcurLd7YhkdTaOOeFPPu0ZPDzHZSsLGQUeECo4QIDAQABMA0G\nCSqGSIb3DQEBCwUAA4GBACniBc027t2fohNnS/EVgCR50VLFgOjp8bg2IcgdTwvP\nX4qY2ILqx7wbRUzm5Sg6pyP9xjqv7DpDtH972lm/fza9bw3OC6mRiI0wCLu4C7YQ\nw8dN2hIb88OpNqvfM2xZhRUEhewjOSKV620dfWRUrbY++6GsNoPYxDpGe1At0Ca/\n-----END CERTIFICATE-----\n",
  };
  const LEAF_KEY = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEILSQRBjX3/vuKbFvKEutiB2rfqH3dt2b2v7KFhvAVgD4oAoGCCqGSM49\nAwEHoUQDQgAEwQFSRhjEy5S3CxH6dXsa4tsAWZnBweUkrIp1khMgtKvYrDU9DKz7\n02eDGwuefe80Gl6Yd1nrBQ63yDgVYbpxYw==\n-----END EC PRIVATE KEY-----\n";
  const CA_KEY = "-----BEGIN PRIVATE KEY-----\nMIIEvwIBADANBgkqhkiG9w0BAQEFAASCBKkwggSlAgEAAoIBAQDhadNrkx2GEuH6\nUxTgRruHgIi/a11duN9Z9ubHCRUv0mNybKzQZ4KPD5yo7i3ET/1U5dNy3OF33qzM\nF9fuATVV6hbB5QVVrzjBZ0V108XKzr14ZsjGO68jQXW4IgV5evGqSfQk1gMfIHbW\ntmCHeyWKraeFdKtEZ9sRiXJfv3sWCw21REr3LCPXarKGGn2tUmmtmKg2zYXT+PnM\naDtHEm3+sD3hX7xNV6Bb4X+R7Kql3nlj9yv+4/HVi6DtzikjkBPKAUy4+0ULpBDb\nIQt+usTYupG9OjNUIl8bFUqRLyBvWqs5CcMJRVkQtalauFHmZzPGcDKMVZI7ig9O\nVsWafi6PAgMBAAECggEAUdQn8uJaEmTicgwdBPnIc/0+JzcjkrVdJ3yQ9GogrdaT\nUWOQLKuW4rZJKa4lISHkliBEbWsv0mMcmY6CTZ1UrlanYkXwdNWCJfuGZKq3H9OD\nRqURd50NDCBkSq7XC+2Ms0PbhE/InFEdsv5L9oLG8xvtN25OCiwlg61Avu91EF/O\nT3Ca6Lm+15iBnoG+9l3imT9YKe0dAPuWTjFNayoAUrPtpSQCiDBBwoFmjAfRmcCe\nXM+kIcA9I05zltJUZyl+3VSJ5FwhThHEhH6DIVBsWGzvxNWJ/Z1JIDKbMWHLWylJ\n0QMYDrf++peoPvraXEk+/VdNncgSG4jNtxnmKIZ6GQKBgQD6a51LS7vaV0lasiV6\nvH0LpQP/97j1LP9jzI3GCypGRLdXDCIbGVYIHzPK9o8HcO9jlPl0w8EQ4IgJQSJP\nvefGIGEbAiLPhEiX0Z2/vKqWCxnaBUhrnNUnUs7U//xi8rl2+H5VREtoRKsQwU4Y\nrWP3q+YQGce9fi9B2DNv4WrcEwKBgQDmb5Ki5qVZ5UjlWSUgd0v1LtsfWZzIBipk\nUjerILB5zIq+eFbjR8v8sAnr21UOAhE6AzjNMw/dyaS1acki8yAIov43R0giQ0lT\nEl5LiLGXkV3fQ+7+vi9vnNlo0PbcjXD0cJy4Tvz/87rEQgzn6nSU4ZTwPRmQ/yJB\nD6kP3K97FQKBgQCnpwxzsIxfrThrBAGbnj2JYjy/TbYCTtHcmsH/6NGwoaitGm5q\n/hde8KTYKSGwtadPYBlyVuwWxHvO1lCGWnmlZ2AbmN59V+7R1YBrMYBzW5M/J3JI\nuYLrBMF8ULVD+YS5ZbwOkd56PB7a5M/ILa1Tzz4DYX8cGjLBPmGRcbT9CQKBgQDM\nnCVIICSSPdUMUKt2uHbprkFDBP8BXPgnPBnSCaSpgcVwesor5YRrSqSEmKxdU9iX\n+mRlUAG2nWVy8At4zQiUoqW3z8NtKPHioVy5FRcbzifcJyX/bEASiuNA/ssz6yNw\n6M0/mmNroa8ktMFg6/24dNUavCYHaYOw4YbsXrgyQQKBgQC6ajaSNGrxFpaawFvv\nGbTKpvdE4g8O4ZmwH5JOG5XAdvM+/Fw/EaSqHBBbXp0ZGFUu6uEwSqs2D/qDIbWJ\nbdePOzQEXjnsVcsqTz8YUHI1ptEmabtI9adPyOQ7DQ39TIOKdLjVV0PJfa8o/ug+\nBD8QeXGzqjfYaEaNiQPDn1FvwQ==\n-----END PRIVATE KEY-----\n";
  const cert = {};
  for (const [name, text] of Object.entries(PEM)) cert[name] = new X509Certificate(text);

  // What Node 20 reports of each certificate.
  const NODE = {
    ca: {"subject": "C=US\nST=California\nL=San Francisco\nO=Ferroute\\, Inc.\nOU=Test CA\nCN=Ferroute Test CA\nemailAddress=ca@ferroute.test", "issuer": "C=US\nST=California\nL=San Francisco\nO=Ferroute\\, Inc.\nOU=Test CA\nCN=Ferroute Test CA\nemailAddress=ca@ferroute.test", "subjectAltName": null, "infoAccess": null, "validFrom": "Dec  2 05:46:49 2026 GMT", "validTo": "Nov 29 05:46:49 2036 GMT", "serialNumber": "A1B2C3", "fingerprint": "E1:11:29:19:20:55:54:0E:8A:7A:7D:23:05:33:E5:68:FF:09:D7:77", "fingerprint256": "38:62:C1:72:1E:6B:D0:98:7D:CD:F5:8D:7F:1D:EE:2F:54:88:C8:29:66:24:D4:36:D5:31:51:07:A6:D7:88:29", "fingerprint512": "78:7A:15:CE:1E:9E:7D:52:87:5B:18:E1:06:BA:9F:B4:FC:DB:86:9D:0A:BB:95:93:CD:13:D4:E3:5A:0E:85:CF:85:FD:4A:62:FE:D0:39:47:D5:11:04:7F:81:D8:29:80:B0:91:A1:4C:3E:6D:AA:DA:69:83:68:67:AC:01:4F:8D", "keyUsage": null, "ca": true},
    leaf: {"subject": "CN=www.ferroute.test\nO=Ferroute ÃnÃ¯code\nDC=test", "issuer": "C=US\nST=California\nL=San Francisco\nO=Ferroute\\, Inc.\nOU=Test CA\nCN=Ferroute Test CA\nemailAddress=ca@ferroute.test", "subjectAltName": "DNS:www.ferroute.test, DNS:*.api.ferroute.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, email:Admin@Ferroute.test, URI:https://ferroute.test/a?b=1, DNS:localhost", "infoAccess": "OCSP - URI:http://ocsp.ferroute.test\nCA Issuers - URI:http://ferroute.test/ca.crt", "validFrom": "Dec  2 05:46:52 2026 GMT", "validTo": "Mar  6 05:46:52 2029 GMT", "serialNumber": "0FEDCBA987654321", "fingerprint": "88:15:10:7D:93:74:FF:F7:7E:B2:2C:EC:5E:50:27:C0:86:B0:04:46", "fingerprint256": "D9:5F:C1:9C:46:5E:77:4A:56:7E:BB:7E:61:4E:1D:27:76:08:16:5A:36:3B:E8:AA:E8:51:26:91:F3:1F:A8:D5", "fingerprint512": "47:EE:7F:27:AE:3A:EE:71:BE:EE:EE:AF:7D:CA:28:DD:9F:74:E7:95:D4:06:21:7E:ED:AD:FA:A2:00:B7:8C:23:CD:8C:A2:A1:62:18:26:FF:89:3C:B5:D4:9B:5D:32:00:24:D8:21:28:65:E1:AF:15:B1:38:45:50:01:35:3A:F3", "keyUsage": ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], "ca": false},
    ed: {"subject": "CN=ed.ferroute.test", "issuer": "CN=ed.ferroute.test", "subjectAltName": null, "infoAccess": null, "validFrom": "Dec  2 05:46:52 2026 GMT", "validTo": "Jan  1 05:46:52 2027 GMT", "serialNumber": "712D14905A2408129BD3A24F024DD503C7046CC3", "fingerprint": "02:F1:9B:CB:01:AD:8C:69:AF:A1:F2:24:8D:0C:00:56:B1:27:B0:D4", "fingerprint256": "0E:5B:09:2F:CF:BC:1A:BE:E8:86:C9:9F:2A:FA:5C:CA:E0:92:52:5D:54:C2:35:06:E1:F8:47:FA:D1:85:45:BD", "fingerprint512": "B5:9D:F8:0A:7E:42:00:21:F5:0D:D4:4D:3F:CB:BD:CC:7A:AC:6C:5E:AF:21:BD:56:77:92:EE:46:6D:48:DE:64:29:2B:1C:E7:7D:7C:8C:2E:8F:01:47:6D:14:2A:13:A7:04:3C:67:3D:4E:94:BE:34:94:4E:6A:C5:FF:60:DB:D5", "keyUsage": null, "ca": true},
    pss: {"subject": "CN=pss", "issuer": "CN=pss", "subjectAltName": null, "infoAccess": null, "validFrom": "Dec  2 05:46:53 2026 GMT", "validTo": "Jan  1 05:46:53 2027 GMT", "serialNumber": "3FBC540EAF6AB36EA01C07EE77CC95D4B2D7E05E", "fingerprint": "75:DE:FD:DC:D2:16:3E:C8:C2:4A:78:F0:80:2C:E6:5C:04:72:D0:7F", "fingerprint256": "4B:15:DA:29:3C:D3:3B:B2:CE:7C:33:12:63:B6:36:22:A7:76:F1:B8:E5:DD:6D:20:87:5B:2B:CD:31:55:C8:4A", "fingerprint512": "F7:FF:61:2A:48:FE:AF:86:B7:1C:B2:53:2B:67:FA:FD:DC:3F:7B:9F:0A:C1:2E:F2:F2:A7:9A:2D:6E:B8:2E:41:9A:6D:6F:BA:AF:5D:DF:63:4C:AE:9A:8B:03:90:FF:BC:95:EE:CC:32:3D:70:7E:E6:EF:00:64:69:6A:C1:E8:97", "keyUsage": null, "ca": true},
    odd: {"subject": "C=DE\nOU=Unit A\nOU=Unit B\nCN=\\#lead \\+plus\\; semi \\<a\\> = eq", "issuer": "C=DE\nOU=Unit A\nOU=Unit B\nCN=\\#lead \\+plus\\; semi \\<a\\> = eq", "subjectAltName": "DNS:w*.partial.test, DNS:*.multi.test, DNS:\"a\\u002cb.test\", DNS:*.com, DNS:xn--*.idn.test, IP Address:10.0.0.1, IP Address:0:0:0:0:0:FFFF:A00:2, email:q@odd.test, Registered ID:1.2.3.4, DirName:\"O=Dir\\\\\\u002c Org\\u002cCN=Dir Name\"", "infoAccess": null, "serialNumber": "56B84DBEBFE9808D029A8539E9DDF5CEC7B5E98E", "keyUsage": null, "ca": false, "fingerprint256": "64:2F:0D:3E:63:6C:B8:C9:84:09:5A:23:C2:B2:89:E0:C0:B9:11:04:47:31:DD:88:09:F8:53:15:CE:C3:62:A2"},
    v1: {"subject": "CN=v1.test\nemailAddress=v1@v1.test", "issuer": "CN=v1.test\nemailAddress=v1@v1.test", "subjectAltName": null, "infoAccess": null, "serialNumber": "224E5B8ADFB63B145BBAE1EB67059536ECD7C62E", "keyUsage": null, "ca": false, "fingerprint256": "9F:53:57:7C:F1:65:83:0E:4A:E3:1C:C6:21:75:54:07:53:45:C7:ED:EA:7D:F3:31:59:BA:0D:54:F8:D1:F5:88"},
  };

  test('X509Certificate reads every field as Node does', () => {
    for (const [name, fields] of Object.entries(NODE)) {
      for (const [key, value] of Object.entries(fields)) {
        assert.deepEqual(cert[name][key], value === null ? undefined : value, `${name}.${key}`);
      }
      assert.equal(cert[name].issuerCertificate, undefined);
      assert.equal(cert[name].toString(), PEM[name], `${name}.toString()`);
      assert.equal(cert[name].toJSON(), PEM[name]);
    }
    assert.deepEqual([cert.ca.publicKey.type, cert.ca.publicKey.asymmetricKeyType], ['public', 'rsa']);
    assert.deepEqual([cert.leaf.publicKey.type, cert.leaf.publicKey.asymmetricKeyType], ['public', 'ec']);
    assert.equal(cert.ed.publicKey.asymmetricKeyType, 'ed25519');
    assert.ok(B.isBuffer(cert.leaf.raw));
    assert.equal(cert.leaf.raw.length, 1046);
    assert.equal(new X509Certificate(cert.leaf.raw).fingerprint256, NODE.leaf.fingerprint256, 'from DER');
    const b = B.from(PEM.v1);
    assert.equal(new X509Certificate(new DataView(b.buffer, b.byteOffset, b.length)).subject, NODE.v1.subject);
    assert.equal(new X509Certificate(`junk\n${PEM.v1}more`).subject, NODE.v1.subject, 'PEM inside other text');
    assert.equal(X509Certificate.length, 1);
    assert.deepEqual(Object.keys(cert.leaf), []);
  });

  test('checkHost, checkEmail and checkIP match as Node does', () => {
    const cases = [
      [() => cert.leaf.checkHost('www.ferroute.test'), "www.ferroute.test"],
      [() => cert.leaf.checkHost('WWW.Ferroute.TEST'), "www.ferroute.test"],
      [() => cert.leaf.checkHost('x.api.ferroute.test'), "*.api.ferroute.test"],
      [() => cert.leaf.checkHost('a.b.api.ferroute.test'), null],
      [() => cert.leaf.checkHost('api.ferroute.test'), null],
      [() => cert.leaf.checkHost('ferroute.test'), null],
      [() => cert.leaf.checkHost('x.api.ferroute.test', { wildcards: false }), null],
      [() => cert.leaf.checkHost('www.ferroute.test', { subject: 'always' }), "www.ferroute.test"],
      [() => cert.leaf.checkHost('localhost'), "localhost"],
      [() => cert.ca.checkHost('Ferroute Test CA'), "Ferroute Test CA"],
      [() => cert.ed.checkHost('ed.ferroute.test'), "ed.ferroute.test"],
      [() => cert.ed.checkHost('ed.ferroute.test', { subject: 'never' }), null],
      [() => cert.leaf.checkHost('www.ferroute.test.'), null],
      [() => cert.leaf.checkEmail('admin@ferroute.test'), null],
      [() => cert.leaf.checkEmail('Admin@Ferroute.test'), "Admin@Ferroute.test"],
      [() => cert.leaf.checkEmail('ADMIN@ferroute.test'), null],
      [() => cert.ca.checkEmail('ca@ferroute.test'), "ca@ferroute.test"],
      [() => cert.leaf.checkEmail('x@ferroute.test'), null],
      [() => cert.leaf.checkIP('127.0.0.1'), "127.0.0.1"],
      [() => cert.leaf.checkIP('::1'), "::1"],
      [() => cert.leaf.checkIP('0:0:0:0:0:0:0:1'), "0:0:0:0:0:0:0:1"],
      [() => cert.leaf.checkIP('127.0.0.2'), null],
      [() => cert.odd.checkHost("wxyz.partial.test"), "w*.partial.test"],
      [() => cert.odd.checkHost("wxyz.partial.test", { multiLabelWildcards: true }), "w*.partial.test"],
      [() => cert.odd.checkHost("wxyz.partial.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("wxyz.partial.test", { subject: 'always' }), "w*.partial.test"],
      [() => cert.odd.checkHost("w.partial.test"), "w*.partial.test"],
      [() => cert.odd.checkHost("w.partial.test", { multiLabelWildcards: true }), "w*.partial.test"],
      [() => cert.odd.checkHost("w.partial.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("w.partial.test", { subject: 'always' }), "w*.partial.test"],
      [() => cert.odd.checkHost("x.partial.test"), null],
      [() => cert.odd.checkHost("x.partial.test", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("x.partial.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("x.partial.test", { subject: 'always' }), null],
      [() => cert.odd.checkHost("a.multi.test"), "*.multi.test"],
      [() => cert.odd.checkHost("a.multi.test", { multiLabelWildcards: true }), "*.multi.test"],
      [() => cert.odd.checkHost("a.multi.test", { partialWildcards: false }), "*.multi.test"],
      [() => cert.odd.checkHost("a.multi.test", { subject: 'always' }), "*.multi.test"],
      [() => cert.odd.checkHost("a.b.multi.test"), null],
      [() => cert.odd.checkHost("a.b.multi.test", { multiLabelWildcards: true }), "*.multi.test"],
      [() => cert.odd.checkHost("a.b.multi.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("a.b.multi.test", { subject: 'always' }), null],
      [() => cert.odd.checkHost("multi.test"), null],
      [() => cert.odd.checkHost("multi.test", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("multi.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("multi.test", { subject: 'always' }), null],
      [() => cert.odd.checkHost("a,b.test"), "a,b.test"],
      [() => cert.odd.checkHost("a,b.test", { multiLabelWildcards: true }), "a,b.test"],
      [() => cert.odd.checkHost("a,b.test", { partialWildcards: false }), "a,b.test"],
      [() => cert.odd.checkHost("a,b.test", { subject: 'always' }), "a,b.test"],
      [() => cert.odd.checkHost("x.com"), null],
      [() => cert.odd.checkHost("x.com", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("x.com", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("x.com", { subject: 'always' }), null],
      [() => cert.odd.checkHost("xn--abc.idn.test"), null],
      [() => cert.odd.checkHost("xn--abc.idn.test", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("xn--abc.idn.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("xn--abc.idn.test", { subject: 'always' }), null],
      [() => cert.odd.checkHost("abc.idn.test"), null],
      [() => cert.odd.checkHost("abc.idn.test", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("abc.idn.test", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("abc.idn.test", { subject: 'always' }), null],
      [() => cert.odd.checkHost("10.0.0.1"), null],
      [() => cert.odd.checkHost("10.0.0.1", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("10.0.0.1", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("10.0.0.1", { subject: 'always' }), null],
      [() => cert.odd.checkHost("#lead +plus; semi <a> = eq"), null],
      [() => cert.odd.checkHost("#lead +plus; semi <a> = eq", { multiLabelWildcards: true }), null],
      [() => cert.odd.checkHost("#lead +plus; semi <a> = eq", { partialWildcards: false }), null],
      [() => cert.odd.checkHost("#lead +plus; semi <a> = eq", { subject: 'always' }), "#lead +plus; semi <a> = eq"],
      [() => cert.v1.checkHost('v1.test'), "v1.test"],
      [() => cert.v1.checkHost('v1.test', { subject: 'never' }), null],
      [() => cert.v1.checkEmail('v1@V1.TEST'), "v1@V1.TEST"],
      [() => cert.v1.checkEmail('v1@v1.test', { subject: 'never' }), null],
      [() => cert.odd.checkEmail('q@odd.test'), "q@odd.test"],
      [() => cert.odd.checkEmail('"q"@odd.test'), null],
      [() => cert.odd.checkIP('::ffff:10.0.0.2'), "::ffff:10.0.0.2"],
      [() => cert.odd.checkIP('0:0:0:0:0:ffff:a00:2'), "0:0:0:0:0:ffff:a00:2"],
      [() => cert.odd.checkIP('10.0.0.1'), "10.0.0.1"],
      [() => cert.odd.checkIP('010.0.0.1'), "010.0.0.1"],
    ];
    for (const [f, expected] of cases) assert.equal(f(), expected === null ? undefined : expected, String(f));
  });

  test('verify, checkIssued and checkPrivateKey', () => {
    assert.deepEqual([cert.leaf.verify(cert.ca.publicKey), cert.leaf.verify(cert.leaf.publicKey), cert.ca.verify(cert.ca.publicKey)], [true, false, true]);
    assert.equal(cert.ed.verify(cert.ed.publicKey), true, 'Ed25519');
    assert.equal(cert.pss.verify(cert.pss.publicKey), true, 'RSA-PSS');
    assert.equal(cert.ed.verify(cert.ca.publicKey), false, 'another kind of key');
    assert.equal(cert.odd.verify(cert.odd.publicKey), true);
    assert.deepEqual([cert.leaf.checkIssued(cert.ca), cert.ca.checkIssued(cert.ca), cert.ca.checkIssued(cert.leaf), cert.leaf.checkIssued(cert.leaf)], [true, true, false, false]);
    assert.equal(cert.v1.checkIssued(cert.v1), true, 'a v1 certificate issues itself');
    assert.equal(cert.odd.checkIssued(cert.odd), false, 'a key usage without keyCertSign');
    assert.deepEqual([cert.v1.ca, cert.odd.ca], [false, false]);
    assert.equal(cert.leaf.checkPrivateKey(crypto.createPrivateKey(LEAF_KEY)), true);
    assert.equal(cert.leaf.checkPrivateKey(crypto.createPrivateKey(CA_KEY)), false);
    // A certificate edited by one byte of its signature no longer verifies.
    const raw = B.from(cert.leaf.raw);
    raw[raw.length - 5] ^= 1;
    assert.equal(new X509Certificate(raw).verify(cert.ca.publicKey), false);
  });

  test('toLegacyObject gives what TLS peers report', () => {
    const leaf = cert.leaf.toLegacyObject();
    assert.deepEqual(Object.keys(leaf), ["subject", "issuer", "subjectaltname", "infoAccess", "ca", "bits", "pubkey", "asn1Curve", "nistCurve", "valid_from", "valid_to", "fingerprint", "fingerprint256", "fingerprint512", "ext_key_usage", "serialNumber", "raw"]);
    const ca = cert.ca.toLegacyObject();
    assert.deepEqual(Object.keys(ca), ["subject", "issuer", "ca", "modulus", "bits", "exponent", "pubkey", "valid_from", "valid_to", "fingerprint", "fingerprint256", "fingerprint512", "serialNumber", "raw"]);
    const plain = (o) => JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => k !== 'raw' && k !== 'pubkey'))));
    assert.deepEqual(plain(leaf), {"subject": {"CN": "www.ferroute.test", "O": "Ferroute ÃnÃ¯code", "DC": "test"}, "issuer": {"C": "US", "ST": "California", "L": "San Francisco", "O": "Ferroute, Inc.", "OU": "Test CA", "CN": "Ferroute Test CA", "emailAddress": "ca@ferroute.test"}, "subjectaltname": "DNS:www.ferroute.test, DNS:*.api.ferroute.test, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, email:Admin@Ferroute.test, URI:https://ferroute.test/a?b=1, DNS:localhost", "infoAccess": {"OCSP - URI": ["http://ocsp.ferroute.test"], "CA Issuers - URI": ["http://ferroute.test/ca.crt"]}, "ca": false, "bits": 256, "asn1Curve": "prime256v1", "nistCurve": "P-256", "valid_from": "Dec  2 05:46:52 2026 GMT", "valid_to": "Mar  6 05:46:52 2029 GMT", "fingerprint": "88:15:10:7D:93:74:FF:F7:7E:B2:2C:EC:5E:50:27:C0:86:B0:04:46", "fingerprint256": "D9:5F:C1:9C:46:5E:77:4A:56:7E:BB:7E:61:4E:1D:27:76:08:16:5A:36:3B:E8:AA:E8:51:26:91:F3:1F:A8:D5", "fingerprint512": "47:EE:7F:27:AE:3A:EE:71:BE:EE:EE:AF:7D:CA:28:DD:9F:74:E7:95:D4:06:21:7E:ED:AD:FA:A2:00:B7:8C:23:CD:8C:A2:A1:62:18:26:FF:89:3C:B5:D4:9B:5D:32:00:24:D8:21:28:65:E1:AF:15:B1:38:45:50:01:35:3A:F3", "ext_key_usage": ["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"], "serialNumber": "0FEDCBA987654321"});
    assert.deepEqual(plain(ca), {"subject": {"C": "US", "ST": "California", "L": "San Francisco", "O": "Ferroute, Inc.", "OU": "Test CA", "CN": "Ferroute Test CA", "emailAddress": "ca@ferroute.test"}, "issuer": {"C": "US", "ST": "California", "L": "San Francisco", "O": "Ferroute, Inc.", "OU": "Test CA", "CN": "Ferroute Test CA", "emailAddress": "ca@ferroute.test"}, "ca": true, "modulus": "E169D36B931D8612E1FA5314E046BB878088BF6B5D5DB8DF59F6E6C709152FD263726CACD067828F0F9CA8EE2DC44FFD54E5D372DCE177DEACCC17D7EE013555EA16C1E50555AF38C1674575D3C5CACEBD7866C8C63BAF234175B82205797AF1AA49F424D6031F2076D6B660877B258AADA78574AB4467DB1189725FBF7B160B0DB5444AF72C23D76AB2861A7DAD5269AD98A836CD85D3F8F9CC683B47126DFEB03DE15FBC4D57A05BE17F91ECAAA5DE7963F72BFEE3F1D58BA0EDCE29239013CA014CB8FB450BA410DB210B7EBAC4D8BA91BD3A3354225F1B154A912F206F5AAB3909C309455910B5A95AB851E66733C670328C55923B8A0F4E56C59A7E2E8F", "bits": 2048, "exponent": "0x10001", "valid_from": "Dec  2 05:46:49 2026 GMT", "valid_to": "Nov 29 05:46:49 2036 GMT", "fingerprint": "E1:11:29:19:20:55:54:0E:8A:7A:7D:23:05:33:E5:68:FF:09:D7:77", "fingerprint256": "38:62:C1:72:1E:6B:D0:98:7D:CD:F5:8D:7F:1D:EE:2F:54:88:C8:29:66:24:D4:36:D5:31:51:07:A6:D7:88:29", "fingerprint512": "78:7A:15:CE:1E:9E:7D:52:87:5B:18:E1:06:BA:9F:B4:FC:DB:86:9D:0A:BB:95:93:CD:13:D4:E3:5A:0E:85:CF:85:FD:4A:62:FE:D0:39:47:D5:11:04:7F:81:D8:29:80:B0:91:A1:4C:3E:6D:AA:DA:69:83:68:67:AC:01:4F:8D", "serialNumber": "A1B2C3"});
    assert.deepEqual(plain(cert.odd.toLegacyObject()), {"subject": {"C": "DE", "OU": ["Unit A", "Unit B"], "CN": "#lead +plus; semi <a> = eq"}, "issuer": {"C": "DE", "OU": ["Unit A", "Unit B"], "CN": "#lead +plus; semi <a> = eq"}, "subjectaltname": "DNS:w*.partial.test, DNS:*.multi.test, DNS:\"a\\u002cb.test\", DNS:*.com, DNS:xn--*.idn.test, IP Address:10.0.0.1, IP Address:0:0:0:0:0:FFFF:A00:2, email:q@odd.test, Registered ID:1.2.3.4, DirName:\"O=Dir\\\\\\u002c Org\\u002cCN=Dir Name\"", "ca": false, "modulus": "BB10BBA4685E795A1BB13ADD0C72AB8DC96121D9FA6F22ACFCB95918BF5C0EC386404ADD97D84BD0E9AE28E9439960583904A04FB72029573C54B71D0171ACA58DFF9CA109F4FB29D28A03B64D60330C32C6B9BF6EF1891321A01237470C1702A488E9EBF31156180BC23206D7AF63881578C82AC4F9B15BCA96DDCD5B72A48D", "bits": 1024, "exponent": "0x10001", "valid_from": "Dec  2 05:51:14 2026 GMT", "valid_to": "Dec 12 05:51:14 2026 GMT", "fingerprint": "0E:12:36:BF:BF:35:4D:3F:54:08:73:3A:51:82:7D:2B:78:8B:4B:77", "fingerprint256": "64:2F:0D:3E:63:6C:B8:C9:84:09:5A:23:C2:B2:89:E0:C0:B9:11:04:47:31:DD:88:09:F8:53:15:CE:C3:62:A2", "fingerprint512": "C6:9B:46:DF:73:7F:D2:89:01:18:7B:29:FB:8B:AC:7F:8A:C3:D1:B5:71:D8:E1:0E:39:33:F4:87:F8:AC:52:CF:72:68:C1:4D:9D:9B:9E:C6:DC:4B:9C:ED:B2:C1:9E:BF:BD:6E:D4:20:6B:0A:66:A0:00:92:86:96:BF:BD:D7:A3", "serialNumber": "56B84DBEBFE9808D029A8539E9DDF5CEC7B5E98E"});
    assert.equal(leaf.pubkey.length, 65);
    assert.equal(ca.pubkey.length, 294);
    assert.equal(leaf.raw.toString("base64"), cert.leaf.raw.toString("base64"));
  });
  test('bad arguments and bytes throw the errors Node throws', () => {
    const cases = [
      [() => new X509Certificate('garbage'), "ERR Error ERR_OSSL_PEM_NO_START_LINE: error:0480006C:PEM routines::no start line"],
      [() => new X509Certificate(B.from([0x30, 0x03, 1, 2, 3])), "ERR Error ERR_OSSL_PEM_NO_START_LINE: error:0480006C:PEM routines::no start line"],
      [() => new X509Certificate(), "ERR TypeError ERR_INVALID_ARG_TYPE: The \"buffer\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received undefined"],
      [() => new X509Certificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), "ERR Error ERR_OSSL_ASN1_WRONG_TAG: error:068000A8:asn1 encoding routines::wrong tag"],
      [() => new X509Certificate(new Uint8Array(cert.leaf.raw).buffer), "ERR TypeError ERR_INVALID_ARG_TYPE: The \"buffer\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received an instance of ArrayBuffer"],
      [() => cert.leaf.checkIP('not an ip'), "ERR TypeError ERR_INVALID_ARG_VALUE: Invalid IP"],
      [() => cert.odd.checkIP('1::2::3'), "ERR TypeError ERR_INVALID_ARG_VALUE: Invalid IP"],
      [() => cert.odd.checkHost('x', { subject: 'sometimes' }), "ERR TypeError ERR_INVALID_ARG_VALUE: The property 'options.subject' is invalid. Received 'sometimes'"],
      [() => cert.odd.checkHost(1), "ERR TypeError ERR_INVALID_ARG_TYPE: The \"name\" argument must be of type string. Received type number (1)"],
      [() => cert.odd.checkHost('x', null), "ERR TypeError ERR_INVALID_ARG_TYPE: The \"options\" argument must be of type object. Received null"],
      [() => cert.odd.checkIssued({}), "ERR TypeError ERR_INVALID_ARG_TYPE: The \"otherCert\" argument must be an instance of X509Certificate. Received an instance of Object"],
      [() => cert.leaf.verify('x'), "ERR TypeError ERR_INVALID_ARG_TYPE: The \"pkey\" argument must be an instance of KeyObject. Received type string ('x')"],
      [() => cert.odd.verify(crypto.createPrivateKey(LEAF_KEY)), "ERR TypeError ERR_INVALID_ARG_VALUE: The argument 'pkey' is invalid. Received PrivateKeyObject [KeyObject] { [Symbol(kKeyType)]: 'private' }"],
      [() => cert.odd.checkPrivateKey(cert.odd.publicKey), "ERR TypeError ERR_INVALID_ARG_VALUE: The argument 'pkey' is invalid. Received PublicKeyObject [KeyObject] { [Symbol(kKeyType)]: 'public' }"],
    ];
    for (const [f, expected] of cases) {
      let got;
      try {
        f();
        got = 'no error';
      } catch (e) {
        got = `ERR ${e.name} ${e.code}: ${e.message}`;
      }
      assert.equal(got, expected, String(f));
    }
  });
})();
