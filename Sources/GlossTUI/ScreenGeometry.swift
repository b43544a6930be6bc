/// Where things are on screen for a given size.
public struct ScreenGeometry: Sendable, Equatable {
  public static let minimumWidth = 30
  public static let minimumHeight = 6
  /// Below this width one pane is shown at a time.
  public static let splitWidth = 70
  public static let maxMeasure = 78

  public var size: Size
  public var tooSmall: Bool
  public var split: Bool
  /// Rows available to the panes (all but the status line).
  public var bodyHeight: Int
  public var listX: Int
  public var listWidth: Int
  public var readerX: Int
  public var readerWidth: Int
  /// Where the text column starts, and its width (the reading measure).
  public var textX: Int
  public var textWidth: Int
  public var showsList: Bool
  public var showsReader: Bool

  public init(size: Size, focus: Pane) {
    self.size = size
    tooSmall = size.width < ScreenGeometry.minimumWidth || size.height < ScreenGeometry.minimumHeight
    split = size.width >= ScreenGeometry.splitWidth
    bodyHeight = max(1, size.height - 1)
    if split {
      listX = 0
      listWidth = min(40, max(24, size.width * 3 / 10))
      readerX = listWidth + 1
      readerWidth = size.width - readerX
      showsList = true
      showsReader = true
    } else {
      listX = 0
      listWidth = size.width
      readerX = 0
      readerWidth = size.width
      showsList = focus == .list
      showsReader = focus == .reader
    }
    textWidth = max(10, min(ScreenGeometry.maxMeasure, readerWidth - 4))
    textX = readerX + max(0, (readerWidth - textWidth) / 2)
  }
}
