using System.Text.Json;
using System.Text.Json.Serialization;
using Grid.Protocol.Audit;
using Grid.Protocol.Errors;
using Grid.Protocol.Galleries;
using Grid.Protocol.Identity;
using Grid.Protocol.Review;
using Grid.Protocol.Search;
using Grid.Protocol.Sharing;

namespace Grid.Protocol.Wire;

/// <summary>Source-generated JSON for every wire record: camelCase names, enums as their names, no reflection at run
/// time (lean on the search path, trimming-safe in the client).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, AllowTrailingCommas = false)]
[JsonSerializable(typeof(Problem))]
[JsonSerializable(typeof(GalleryConfig))]
[JsonSerializable(typeof(GalleryInfo))]
[JsonSerializable(typeof(GalleryStatus))]
[JsonSerializable(typeof(GalleryId[]))]
[JsonSerializable(typeof(GridStatus))]
[JsonSerializable(typeof(EnrolResult))]
[JsonSerializable(typeof(RemoveResult))]
[JsonSerializable(typeof(RebalanceResult))]
[JsonSerializable(typeof(ReindexRequest))]
[JsonSerializable(typeof(ReindexResult))]
[JsonSerializable(typeof(Grid.Protocol.Operations.BackupSummary))]
[JsonSerializable(typeof(SearchRequest))]
[JsonSerializable(typeof(SearchResponse))]
[JsonSerializable(typeof(CreateForceRequest))]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(ApiKeyIssued))]
[JsonSerializable(typeof(ForceView[]))]
[JsonSerializable(typeof(UserView[]))]
[JsonSerializable(typeof(PrincipalView))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(AgreementTerms))]
[JsonSerializable(typeof(AcceptAgreementRequest))]
[JsonSerializable(typeof(AgreementView))]
[JsonSerializable(typeof(AgreementView[]))]
[JsonSerializable(typeof(AuditExport))]
[JsonSerializable(typeof(AuditEntry))]
[JsonSerializable(typeof(AuditVerification))]
[JsonSerializable(typeof(AuditPartnerVerification))]
[JsonSerializable(typeof(StatsView))]
[JsonSerializable(typeof(OffenceCategory[]))]
[JsonSerializable(typeof(Readiness))]
[JsonSerializable(typeof(CaseSummary[]))]
[JsonSerializable(typeof(ReviewCase))]
[JsonSerializable(typeof(DecideRequest))]
[JsonSerializable(typeof(FollowUpRequest))]
[JsonSerializable(typeof(FollowUpView))]
[JsonSerializable(typeof(FollowUpView[]))]
[JsonSerializable(typeof(FollowUpDecline))]
[JsonSerializable(typeof(FollowUpExtension))]
[JsonSerializable(typeof(SubjectCoreData))]
public sealed partial class GridJsonContext : JsonSerializerContext;
