function (client) { return { hello: function () { return "from META-INF/rts"; } }; }
