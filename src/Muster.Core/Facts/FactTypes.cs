namespace Muster.Core.Facts;

/// <summary>Every fact type name of the JSON Lines format, in one list.</summary>
public static class FactTypes
{
    public static readonly IReadOnlyList<string> All =
    [
        PersonRegistered.TypeName, SummonsPlaced.TypeName, SummonsOpened.TypeName, SummonsHanded.TypeName,
        SummonsMailed.TypeName, SummonsMailDelivered.TypeName, SummonsCancelled.TypeName,
        AppearanceRecorded.TypeName, ValidReasonAccepted.TypeName, DefermentGranted.TypeName,
        FactRetracted.TypeName,
    ];
}
