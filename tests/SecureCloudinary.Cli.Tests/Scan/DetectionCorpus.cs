namespace SecureCloudinary.Cli.Tests.Scan;

/// <summary>
/// True positives in every language and format the scanner targets, and look-alikes that must not match
/// (placeholders, documentation examples, environment lookups, hashes, UUIDs, base64 blobs, random strings
/// without context, other services' secrets).
/// </summary>
internal static class DetectionCorpus
{
    public const string ApiKey = "614335564976464";

    /// <summary>Random-looking secrets (none is a real key); sample i uses Secrets[i % n].</summary>
    public static readonly string[] Secrets =
    [
        "EQ46W6GmiZtn4HLQeQb0qt1yfiw", "U673Bj-RyZl-9zN-o5tBzOdBty7", "zxdW18ALiPzrW-TfAZB7X82zc8m", "yGElnFhmwfuKvpdFss0XHQp1cP5",
        "39Vh1jSzeI8ydxaeJEfBTlIw0Ic", "XRrUTE9akJ4cq5_-k1-RJVZVEzu", "QCwEPOzfISaq6nbWQ5GS2NE0P35", "w6nU-Ef7_5HSpDswIa6qsw9gkvf",
    ];

    public static IReadOnlyList<CorpusSample> Positives { get; } =
    [
        P("csharp-account", "Startup.cs", """
            using CloudinaryDotNet;
            var account = new Account("my-cloud", "{K}", "{S}");
            var cloudinary = new Cloudinary(account);
            """),
        P("csharp-account-qualified", "Upload.cs", """var cld = new Cloudinary(new CloudinaryDotNet.Account("prod", "{K}", "{S}"));"""),
        P("csharp-url", "Program.cs", """Cloudinary cloudinary = new Cloudinary("cloudinary://{K}:{S}@my-cloud");"""),
        P("csharp-property", "CloudinarySetup.cs", """
            services.Configure<CloudinaryOptions>(o =>
            {
                o.CloudName = "my-cloud";
                o.ApiKey = "{K}";
                o.ApiSecret = "{S}";
            });
            """),
        P("csharp-named-args", "Factory.cs", """return new Account(cloud: "shop", apiKey: "{K}", apiSecret: "{S}"); // cloudinary"""),
        P("appsettings-json", "appsettings.json", """
            {
              "Cloudinary": {
                "CloudName": "my-cloud",
                "ApiKey": "{K}",
                "ApiSecret": "{S}"
              }
            }
            """),
        P("json-snake", "config/cloudinary.json", """{ "cloud_name": "shop", "api_key": "{K}", "api_secret": "{S}" }"""),
        P("js-config-inline", "upload.js", """cloudinary.config({ cloud_name: 'demo', api_key: '{K}', api_secret: '{S}' });"""),
        P("js-config-multiline", "cloudinary.mjs", """
            import { v2 as cloudinary } from 'cloudinary';
            cloudinary.config({
              cloud_name: "my-cloud",
              api_key: "{K}",
              api_secret: "{S}",
              secure: true,
            });
            """),
        P("ts-url-template", "env.ts", """export const CLOUDINARY_URL = `cloudinary://{K}:{S}@my-cloud`;"""),
        P("python-config", "settings.py", """
            import cloudinary
            cloudinary.config(cloud_name="my-cloud", api_key="{K}", api_secret="{S}", secure=True)
            """),
        P("python-config-multiline", "media.py", """
            cloudinary.config(
                cloud_name = 'my-cloud',
                api_key = '{K}',
                api_secret = '{S}'
            )
            """),
        P("python-environ-url", "conftest.py", """os.environ["CLOUDINARY_URL"] = "cloudinary://{K}:{S}@my-cloud" """),
        P("python-getenv-fallback", "app.py", """SECRET = os.environ.get("CLOUDINARY_API_SECRET", "{S}")"""),
        P("django-settings", "settings.py", """
            CLOUDINARY_STORAGE = {
                'CLOUD_NAME': 'my-cloud',
                'API_KEY': '{K}',
                'API_SECRET': '{S}',
            }
            """),
        P("php-configuration-instance", "bootstrap.php", """
            <?php
            Configuration::instance(['cloud' => ['cloud_name' => 'my-cloud', 'api_key' => '{K}', 'api_secret' => '{S}'], 'url' => ['secure' => true]]);
            """),
        P("php-new-cloudinary", "upload.php", """
            $cloudinary = new Cloudinary([
                'cloud' => [
                    'cloud_name' => 'my-cloud',
                    'api_key'    => '{K}',
                    'api_secret' => '{S}',
                ],
            ]);
            """),
        P("ruby-config-block", "config/initializers/cloudinary.rb", """
            Cloudinary.config do |config|
              config.cloud_name = 'my-cloud'
              config.api_key = '{K}'
              config.api_secret = '{S}'
            end
            """),
        P("ruby-hash", "uploader.rb", """Cloudinary::Uploader.upload(file, cloud_name: "shop", api_key: "{K}", api_secret: "{S}")"""),
        P("ruby-hashrocket", "cloudinary.rb", """Cloudinary.config(:cloud_name => "shop", :api_key => "{K}", :api_secret => "{S}")"""),
        P("java-asmap", "CloudinaryConfig.java", """
            Cloudinary cloudinary = new Cloudinary(ObjectUtils.asMap(
                "cloud_name", "my-cloud",
                "api_key", "{K}",
                "api_secret", "{S}"));
            """),
        P("java-url", "Main.java", """Cloudinary cloudinary = new Cloudinary("cloudinary://{K}:{S}@my-cloud");"""),
        P("go-newfromparams", "main.go", """
            cld, err := cloudinary.NewFromParams("my-cloud", "{K}", "{S}")
            if err != nil {
                log.Fatal(err)
            }
            """),
        P("go-newfromurl", "storage.go", """cld, _ := cloudinary.NewFromURL("cloudinary://{K}:{S}@my-cloud")"""),
        P("dotenv-url", ".env", """
            PORT=8080
            CLOUDINARY_URL=cloudinary://{K}:{S}@my-cloud
            """),
        P("dotenv-secret", ".env.production", """
            CLOUDINARY_CLOUD_NAME=my-cloud
            CLOUDINARY_API_KEY={K}
            CLOUDINARY_API_SECRET={S}
            """),
        P("shell-export", "deploy.sh", """export CLOUDINARY_API_SECRET="{S}" """),
        P("powershell-env", "setup.ps1", """$env:CLOUDINARY_API_SECRET = "{S}" """),
        P("dockerfile-env", "Dockerfile", """ENV CLOUDINARY_URL=cloudinary://{K}:{S}@my-cloud"""),
        P("docker-compose", "docker-compose.yml", """
            services:
              web:
                environment:
                  - CLOUDINARY_API_SECRET={S}
            """),
        P("yaml-config", "config.yml", """
            cloudinary:
              cloud_name: my-cloud
              api_key: "{K}"
              api_secret: {S}
            """),
        P("yaml-quoted", "application.yaml", """
            cloudinary:
              api-secret: '{S}'
            """),
        P("properties", "application.properties", """cloudinary.api_secret={S}"""),
        P("ini", "settings.ini", """
            [cloudinary]
            cloud_name = my-cloud
            api_secret = {S}
            """),
        P("toml", "config.toml", """
            [cloudinary]
            api_secret = "{S}"
            """),
        P("xml-appsettings", "web.config", """
            <appSettings>
              <add key="CloudinaryApiSecret" value="{S}" />
            </appSettings>
            """),
        P("xml-element", "settings.xml", """<cloudinary><ApiSecret>{S}</ApiSecret></cloudinary>"""),
        P("notebook-config", "demo.ipynb", """
            {
             "cells": [
              {
               "cell_type": "code",
               "source": [
                "import cloudinary\n",
                "cloudinary.config(cloud_name=\"my-cloud\", api_key=\"{K}\", api_secret=\"{S}\")"
               ]
              }
             ]
            }
            """),
        P("notebook-env-url", "explore.ipynb", """
            {"cells": [{"cell_type": "code", "source": ["%env CLOUDINARY_URL=cloudinary://{K}:{S}@my-cloud\n"]}]}
            """),
        P("markdown-leak", "NOTES.md", """The prod key is `cloudinary://{K}:{S}@my-cloud`, don't share."""),
    ];

    public static IReadOnlyList<CorpusSample> Negatives { get; } =
    [
        N("docs-url-template", "README.md", """
            Set `CLOUDINARY_URL=cloudinary://<api_key>:<api_secret>@<cloud_name>` in your environment.
            Or: CLOUDINARY_URL=cloudinary://<API_KEY>:<API_SECRET>@<CLOUD_NAME>
            """),
        N("docs-url-words", "docs.md", """
            cloudinary://API_KEY:API_SECRET@CLOUD_NAME
            cloudinary://my_key:my_secret@my_cloud_name
            cloudinary://123456789012345:abcdeghijklmnopqrstuvwxyz12@n07t21i7
            """),
        N("python-fstring", "url.py", """
            url = f"cloudinary://{api_key}:{api_secret}@{cloud_name}"
            other = "cloudinary://%s:%s@%s" % (key, secret, cloud)
            """),
        N("js-env", "config.js", """
            cloudinary.config({
              cloud_name: process.env.CLOUDINARY_CLOUD_NAME,
              api_key: process.env.CLOUDINARY_API_KEY,
              api_secret: process.env.CLOUDINARY_API_SECRET,
            });
            """),
        N("python-env", "settings.py", """
            cloudinary.config(cloud_name=os.environ["CLOUD"], api_key=os.environ["KEY"], api_secret=os.environ["CLOUDINARY_API_SECRET"])
            api_secret = os.getenv("CLOUDINARY_API_SECRET")
            cloudinary.config(api_secret=SECRET, api_key=api_key)
            cloudinary.config(api_secret=self._secret_value, secure=True)
            """),
        N("ruby-env", "cloudinary.rb", """
            Cloudinary.config do |config|
              config.api_secret = ENV['CLOUDINARY_API_SECRET']
              config.api_key = ENV.fetch('CLOUDINARY_API_KEY')
            end
            """),
        N("csharp-env", "Program.cs", """
            var account = new Account(cloudName, apiKey, apiSecret);
            var other = new Account(config["Cloudinary:CloudName"], config["Cloudinary:ApiKey"], config["Cloudinary:ApiSecret"]);
            options.ApiSecret = Environment.GetEnvironmentVariable("CLOUDINARY_API_SECRET");
            """),
        N("php-env", "config.php", """
            'api_secret' => getenv('CLOUDINARY_API_SECRET'),
            'api_secret' => $_ENV['CLOUDINARY_API_SECRET'],
            """),
        N("java-env", "Config.java", """Cloudinary c = new Cloudinary(ObjectUtils.asMap("api_secret", System.getenv("CLOUDINARY_API_SECRET")));"""),
        N("go-env", "main.go", """cld, _ := cloudinary.NewFromParams(os.Getenv("CLOUD"), os.Getenv("KEY"), os.Getenv("CLOUDINARY_API_SECRET"))"""),
        N("appsettings-empty", "appsettings.json", """
            {
              "Cloudinary": { "CloudName": "demo", "ApiKey": "", "ApiSecret": "" },
              "Other": { "ApiSecret": "${CLOUDINARY_API_SECRET}" }
            }
            """),
        N("yaml-placeholders", "config.yml", """
            cloudinary:
              api_secret: <your_api_secret>
              api_secret_ansible: "{{ vault_cloudinary_secret }}"
            api_secret: "{{ lookup('env', 'CLOUDINARY_API_SECRET') }}"
            """),
        N("gha-secrets", ".github/workflows/ci.yml", """
            env:
              CLOUDINARY_API_SECRET: ${{ secrets.CLOUDINARY_API_SECRET }}
              CLOUDINARY_URL: ${{ secrets.CLOUDINARY_URL }}
            """),
        N("dotenv-example", ".env.example", """
            CLOUDINARY_API_SECRET=
            CLOUDINARY_API_SECRET=xxxxxxxxxxxxxxxxxxxxxxxxxxx
            CLOUDINARY_API_SECRET=your_api_secret_here
            CLOUDINARY_API_SECRET=<api_secret>
            CLOUDINARY_API_SECRET=changeme
            """),
        N("masked-values", "config.json", """
            { "api_secret": "********", "apiSecret": "[redacted]", "ApiSecret": "%s", "API_SECRET": "{0}" }
            """),
        N("filler-values", "sample.cs", """
            o.ApiSecret = "abcdefghijklmnopqrstuvwxyz";
            o.ApiSecret = "1234567890123456789";
            o.ApiSecret = "aaaaaaaaaaaaaaaaaaaaaaaaaaa";
            """),
        N("name-suffixes", "names.py", """
            api_secret_name = "cloudinary-prod-key"
            API_SECRET_ENV = "CLOUDINARY_API_SECRET"
            api_secret_sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
            """),
        N("terraform", "main.tf", """
            api_secret = var.cloudinary_api_secret
            api_secret = data.vault_generic_secret.cloudinary.data["api_secret"]
            """),
        N("other-service", "payments.env", """
            STRIPE_API_SECRET=sk_live_4eC39HqLyjWDarjtT1zdp7dcXq
            TWITTER_API_SECRET=Hk3LmP9qWz2XcVb7NsRt5YjDf1A
            """),
        N("other-service-code", "twitter.py", """twitter = Twitter(api_key="xvz1evFS4wEEPTGEFPHBog", api_secret="L8qq9PZyRg6ieKGEKhZolGC0vJWLw8iEJ88DRdyOg")"""),
        N("hashes", "checksums.txt", """
            da39a3ee5e6b4b0d3255bfef95601890afd80709  empty.txt
            e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  empty.bin
            commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904
            """),
        N("lockfile", "package-lock.json", """
            "integrity": "sha512-3HrLmPq9u8b7v6c5x4z3y2w1QpOiUyTrEwQaSdFgHjKlZxCvBnM0p9o8i7u6y5t4r3e2w1q0A==",
            "resolved": "https://registry.npmjs.org/cloudinary/-/cloudinary-2.5.1.tgz"
            """),
        N("uuids", "ids.cs", """
            var requestId = Guid.Parse("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
            const string AccountId = "a1b2c3d4-e5f6-4a5b-8c7d-9e0f1a2b3c4d";
            """),
        N("base64-blob", "logo.html", """
            <img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==" alt="cloudinary logo">
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0
            """),
        N("random-no-context", "constants.js", """
            const BUILD_ID = "Hk3LmP9qWz2XcVb7NsRt5YjDf1A";
            const tokens = ["Qx7RmK2pLw9ZtVb4NcYe1HsJd8A", "Zt8LmQ3vXc7Rb2NkWp5YhJ9sDf4"];
            export const nonce = 'Rb2NkWp5YhJ9sDf4Zt8LmQ3vXc7';
            """),
        N("signature", "sign.py", """
            signature = "a3c5f1b2d4e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0"
            params["signature"] = cloudinary.utils.api_sign_request(params, api_secret)
            """),
        N("ignored-inline", "fixture.py", """
            cloudinary.config(api_secret="Nq4TzR8vKm2WxLp6HsYb3JdFg7C")  # secure-cloudinary:ignore test fixture, revoked
            # secure-cloudinary:ignore-next-line
            CLOUDINARY_URL = "cloudinary://614335564976464:Nq4TzR8vKm2WxLp6HsYb3JdFg7C@demo"
            """),
        N("csharp-interpolated", "Url.cs", """var url = $"cloudinary://{apiKey}:{apiSecret}@{cloudName}";"""),
        N("xml-placeholder", "web.config", """<add key="CloudinaryApiSecret" value="#{CloudinaryApiSecret}#" />"""),
    ];

    private static CorpusSample P(string name, string fileName, string content) => new(name, fileName, content, Positive: true);

    private static CorpusSample N(string name, string fileName, string content) => new(name, fileName, content, Positive: false);
}
