namespace SecureCloudinary.Tests.Model;

/// <summary>Fixed signed-URL vectors from shared/protocols/cloudinary.md §3.2 and §8.2 (U1–U5).</summary>
public sealed class DeliveryUrlVectorTests
{
    private const string Prefix = "https://res.cloudinary.com/test123/image/";
    private static readonly CloudinaryCredentials Test123 = new("test123", "1234", "b");
    private static readonly DeliveryUrlOptions Signed = new() { Signed = true };

    [Fact]
    public void BuildDeliveryUrl_U1_TransformationAndVersion() =>
        Assert.Equal(
            Prefix + "upload/s--Ai4Znfl3--/c_crop,h_20,w_10/v1234/image.jpg",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "image.jpg", Signed with { Version = 1234, Transformation = "c_crop,h_20,w_10" }));

    [Fact]
    public void BuildDeliveryUrl_U2_FolderAndSpace_AddsUnsignedV1() =>
        Assert.Equal(
            Prefix + "authenticated/s--zBgju53g--/c_scale,h_200,w_300/v1/folder/my%20image.jpg",
            CloudinaryUrls.BuildDeliveryUrl(
                Test123, "folder/my image.jpg", Signed with { DeliveryType = "authenticated", Transformation = "c_scale,h_200,w_300" }));

    [Fact]
    public void BuildDeliveryUrl_U3_ChainedTransformationAndFormat() =>
        Assert.Equal(
            Prefix + "upload/s--gfxteln0--/c_fill,w_100/e_sepia/sample.png",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "sample", Signed with { Format = "png", Transformation = "c_fill,w_100/e_sepia" }));

    [Fact]
    public void BuildDeliveryUrl_U4_LongSignature() =>
        Assert.Equal(
            Prefix + "upload/s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--/sample.jpg",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "sample.jpg", Signed with { LongSignature = true }));

    [Fact]
    public void BuildDeliveryUrl_U4_LongSignatureFromSettings() =>
        Assert.Equal(
            Prefix + "upload/s--2hbrSMPOjj5BJ4xV7SgFbRDevFaQNUFf--/sample.jpg",
            CloudinaryUrls.BuildDeliveryUrl(WithSettings(new() { LongUrlSignature = true }), "sample.jpg", Signed));

    [Fact]
    public void BuildDeliveryUrl_U5_Sha256Setting() =>
        Assert.Equal(
            Prefix + "upload/s--2hbrSMPO--/sample.jpg",
            CloudinaryUrls.BuildDeliveryUrl(WithSettings(new() { SignatureAlgorithm = SignatureAlgorithm.Sha256 }), "sample.jpg", Signed));

    [Fact]
    public void BuildDeliveryUrl_Sha1Default_MatchesSignatureLengthTest() =>
        Assert.Equal(Prefix + "upload/s--v2fTPYTu--/sample.jpg", CloudinaryUrls.BuildDeliveryUrl(Test123, "sample.jpg", Signed));

    [Fact]
    public void BuildDeliveryUrl_NoTransformation_SignsIdOnlyAndMapsPlusToDash() =>
        Assert.Equal(
            Prefix + "upload/s----SjmNDA--/v1234/image.jpg",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "image.jpg", Signed with { Version = 1234 }));

    [Fact]
    public void BuildDeliveryUrl_NoVersion_SameSignatureAsWithVersion() =>
        Assert.Equal(
            Prefix + "upload/s--Ai4Znfl3--/c_crop,h_20,w_10/image.jpg",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "image.jpg", Signed with { Transformation = "c_crop,h_20,w_10" }));

    [Fact]
    public void BuildDeliveryUrl_DotnetTestSignedUrl_V1() =>
        Assert.Equal(
            Prefix + "upload/s--eMXgzFAO--/c_crop,h_20,w_1/v1/image.jpg",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "image.jpg", Signed with { Version = 1, Transformation = "c_crop,h_20,w_1" }));

    [Fact]
    public void BuildDeliveryUrl_FetchRemoteUrl_SignsUrlAsIs() =>
        Assert.Equal(
            Prefix + "fetch/s--hH_YcbiS--/v1234/http://google.com/path/to/image.png",
            CloudinaryUrls.BuildDeliveryUrl(Test123, "http://google.com/path/to/image.png", Signed with { DeliveryType = "fetch", Version = 1234 }));

    [Fact]
    public void BuildDeliveryUrl_EncodedTextOverlay_SignedAsWritten() =>
        Assert.Equal(
            Prefix + "authenticated/s--Uqk1a-5W--/co_red,l_text:Times_70_bold:Cool%25F0%259F%2598%258D/image.jpg",
            CloudinaryUrls.BuildDeliveryUrl(
                Test123,
                "image",
                Signed with { DeliveryType = "authenticated", Format = "jpg", Transformation = "co_red,l_text:Times_70_bold:Cool%25F0%259F%2598%258D" }));

    [Theory]
    [InlineData("testFolder/TestImage", "s--lzoFcAJk--", "testFolder/TestImage.jpg")]
    [InlineData("testFolder/Test Image", "s--rmmMhYpj--", "testFolder/Test%20Image.jpg")]
    [InlineData("testFolder/Test Image_僅測試", "s--we6HDTHw--", "testFolder/Test%20Image_%E5%83%85%E6%B8%AC%E8%A9%A6.jpg")]
    public void BuildDeliveryUrl_DotnetAnsiAndUnicodeCases_SignEncodedFormLikeNode(string publicId, string signature, string path)
    {
        // ASCII IDs match both SDKs; for non-ASCII we follow Node (sign the encoded form), see CloudinaryUrls remarks.
        var credentials = new CloudinaryCredentials("test123", "1234", "abcd");
        var url = CloudinaryUrls.BuildDeliveryUrl(
            credentials, publicId, Signed with { DeliveryType = "authenticated", Format = "jpg", Transformation = "c_scale,h_200,w_300" });
        Assert.Equal($"{Prefix}authenticated/{signature}/c_scale,h_200,w_300/v1/{path}", url);
    }

    private static CloudinaryCredentials WithSettings(CloudinaryUrlSettings settings) => new("test123", "1234", "b", settings);
}
