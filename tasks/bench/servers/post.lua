-- The POST row of servers.sh: a small JSON body, as a form or an API client sends.
wrk.method = "POST"
wrk.body = '{"name":"bench","items":[1,2,3,4,5,6,7,8,9,10],"meta":{"source":"wrk","tags":["a","b"]}}'
wrk.headers["Content-Type"] = "application/json"
