namespace Muster.Core.Border;

/// <summary>
/// The check digits as printed. All have been verified when a <see cref="Mrz"/> exists.
/// <see cref="OptionalData"/> is TD3 only ('&lt;' allowed there when the personal number is empty).
/// </summary>
public sealed record MrzCheckDigits(char DocumentNumber, char BirthDate, char ExpiryDate, char? OptionalData, char Composite);
