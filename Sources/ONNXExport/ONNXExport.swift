import MiniNN
import SwiftProtobuf
