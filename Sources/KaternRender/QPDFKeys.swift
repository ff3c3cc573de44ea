import CQpdf

/// The keys of a qpdf dictionary (with their slash), read through qpdf's one key iterator.
func qpdfKeys(_ qpdf: qpdf_data, _ dictionary: qpdf_oh) -> [String] {
    qpdf_oh_begin_dict_key_iter(qpdf, dictionary)
    var keys: [String] = []
    while qpdf_oh_dict_more_keys(qpdf) != 0 { keys.append(String(cString: qpdf_oh_dict_next_key(qpdf))) }
    return keys
}
